#include "output/message_json.h"

#include <cstdio>

#include "bgp/message_decoder.h"
#include "fields/field_registry.h"

namespace bgplens {

std::string epoch_seconds(std::int64_t time_ns) {
  const bool negative = time_ns < 0;
  const std::uint64_t abs =
      negative ? static_cast<std::uint64_t>(-time_ns) : static_cast<std::uint64_t>(time_ns);
  const std::uint64_t sec = abs / 1'000'000'000;
  const std::uint64_t frac = abs % 1'000'000'000;
  char buf[48];
  if (frac % 1000 == 0) {
    std::snprintf(buf, sizeof buf, "%s%llu.%06llu", negative ? "-" : "",
                  static_cast<unsigned long long>(sec),
                  static_cast<unsigned long long>(frac / 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%s%llu.%09llu", negative ? "-" : "",
                  static_cast<unsigned long long>(sec), static_cast<unsigned long long>(frac));
  }
  return buf;
}

namespace {

void write_items(JsonWriter& json, const std::vector<ItemRange>& items) {
  json.begin_array();
  for (const ItemRange& i : items) {
    json.begin_array().value(i.code).value(i.offset).value(i.length).end_array();
  }
  json.end_array();
}

void write_nlri(JsonWriter& json, const std::vector<NlriEntry>& entries) {
  json.begin_array();
  for (const NlriEntry& e : entries) {
    json.begin_object();
    json.key("dir").value(e.action == NlriAction::Announce ? "announce" : "withdraw");
    json.key("afi").value(std::uint32_t{e.family.afi});
    json.key("safi").value(std::uint32_t{e.family.safi});
    json.key("offset").value(e.offset);
    json.key("length").value(e.length);
    if (e.plain_prefix) json.key("prefix").value(e.text);
    if (!e.address().empty()) json.key("address").value(e.address());
    if (e.path_id) json.key("path_id").value(*e.path_id);
    json.key("text").value(e.text);
    json.end_object();
  }
  json.end_array();
}

}  // namespace

void write_field_tree_json(JsonWriter& json, const FieldTree& tree, std::uint32_t node) {
  json.begin_array();
  for (std::uint32_t r = 0; r < tree.child_count(node); ++r) {
    const std::uint32_t c = tree.child(node, r);
    const FieldNode& n = tree.node(c);
    const FieldInfo& info = field_info(n.field);
    json.begin_object();
    json.key("key").value(info.key);
    json.key("name").value(info.name);
    json.key("value").value(tree.value(c));
    json.key("offset").value(n.offset);
    json.key("length").value(n.length);
    if (n.mask != 0) json.key("mask").value(n.mask);
    if (n.severity != Severity::None) json.key("severity").value(severity_name(n.severity));
    json.key("children");
    write_field_tree_json(json, tree, c);
    json.end_object();
  }
  json.end_array();
}

MessageOrigin MessageOrigin::of(const MessageRecord& r, const SessionInfo* session,
                                std::uint8_t direction) {
  MessageOrigin o;
  o.frame = r.frame;
  o.time_ns = r.time_ns;
  if (session) {
    o.src = session->source(direction).text();
    o.dst = session->destination(direction).text();
  }
  o.kind = r.kind;
  o.stream_length = r.length;
  o.via_bmp = (r.flags & framed_flag::kViaBmp) != 0;
  return o;
}

void write_message_json(JsonWriter& json, std::uint64_t n, const MessageOrigin& origin,
                        const DecodedMessage& d, const MessageJsonOptions& options) {
  json.begin_object();
  json.key("n").value(n);
  json.key("frame");
  if (origin.frame) {
    json.value(*origin.frame);
  } else {
    json.null();
  }
  json.key("time");
  if (origin.time_ns) {
    json.raw_number(epoch_seconds(*origin.time_ns));
  } else {
    json.null();
  }
  json.key("src");
  if (origin.src) {
    json.value(*origin.src);
  } else {
    json.null();
  }
  json.key("dst");
  if (origin.dst) {
    json.value(*origin.dst);
  } else {
    json.null();
  }
  if (origin.kind != FramedKind::Message) {
    json.key("kind").value(origin.kind == FramedKind::Gap   ? "gap"
                           : origin.kind == FramedKind::Bmp ? "bmp"
                                                            : "unparsed");
  }
  if (origin.via_bmp) json.key("via").value("bmp");
  json.key("type").value(std::uint32_t{d.type});
  json.key("length").value(origin.kind == FramedKind::Message || origin.kind == FramedKind::Bmp
                               ? d.declared_length
                               : origin.stream_length);
  if (origin.kind == FramedKind::Bmp) json.key("summary").value(d.row_summary);
  json.key("caps");
  write_items(json, d.capabilities);
  json.key("attrs");
  write_items(json, d.attributes);
  json.key("nlri");
  write_nlri(json, d.nlri);
  json.key("notification");
  if (d.notification) {
    json.begin_array()
        .value(std::uint32_t{(*d.notification)[0]})
        .value(std::uint32_t{(*d.notification)[1]})
        .end_array();
  } else {
    json.null();
  }
  json.key("errors").begin_array();
  for (const DecodeProblem& p : d.problems) {
    if (p.severity == Severity::Note) continue;
    json.begin_object();
    json.key("offset").value(p.offset);
    json.key("length").value(p.length);
    json.key("message").value(p.message);
    json.key("severity").value(severity_name(p.severity));
    if (p.treatment != Treatment::None) json.key("rfc7606").value(treatment_name(p.treatment));
    json.end_object();
  }
  json.end_array();
  if (options.tree) {
    json.key("fields");
    write_field_tree_json(json, d.tree, FieldTree::kRoot);
  }
  json.end_object();
}

}  // namespace bgplens
