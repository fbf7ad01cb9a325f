#include "jsonl_printer.h"

#include "index/record_decoder.h"
#include "output/message_json.h"

namespace bgplens::cli {

void JsonlPrinter::on_batch(IndexBatch&& batch) {
  absorb_tables(table_, batch);
  for (const MessageRecord& r : batch.records) {
    const std::uint64_t n = next_++;
    if (r.kind == FramedKind::Unparsed || r.kind == FramedKind::Gap ||
        r.kind == FramedKind::MrtDamage) {
      ++stream_rows_;
      if (!options_.all) continue;
    }
    const DecodedMessage d =
        decode_record(store_, table_, r, options_.tree ? Depth::Tree : Depth::Detail,
                      options_.context.empty() ? nullptr : &options_.context);
    MessageOrigin origin = MessageOrigin::of(r);
    if (const WireOrigin wire = wire_origin(table_, r); wire.session) {
      const SessionTexts& texts = session_texts(*wire.session);
      origin.src = wire.direction == 0 ? texts.a : texts.b;
      origin.dst = wire.direction == 0 ? texts.b : texts.a;
    }
    JsonWriter json(out_.buffer());
    write_message_json(json, n, origin, d, MessageJsonOptions{options_.tree});
    out_.line_done();
  }
  if (options_.flush_each_batch) out_.flush();
}

const JsonlPrinter::SessionTexts& JsonlPrinter::session_texts(const SessionInfo& session) {
  const auto index = static_cast<std::size_t>(&session - table_.sessions.data());
  if (index >= session_texts_.size()) session_texts_.resize(table_.sessions.size());
  SessionTexts& t = session_texts_[index];
  if (t.a.empty() || t.a_endpoint != session.a || t.b_endpoint != session.b) {
    t.a_endpoint = session.a;
    t.b_endpoint = session.b;
    // MRT peers have no ports, and the collector's address only from BGP4MP records.
    const bool mrt = session.kind == SessionKind::MrtPeer;
    t.a = mrt ? session.a.address.text() : session.a.text();
    t.b = !mrt                        ? session.b.text()
          : session.b.address.version ? session.b.address.text()
                                      : "collector";
  }
  return t;
}

}  // namespace bgplens::cli
