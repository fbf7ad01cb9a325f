#include "message_store.h"

#include "index/record_decoder.h"

namespace bgplens {

MessageStore::MessageStore(QObject* parent) : QObject(parent) {}

void MessageStore::reset(std::shared_ptr<const ByteStore> bytes) {
  emit aboutToReset();
  bytes_ = std::move(bytes);
  records_.clear();
  table_ = ContextTable{};
  timeline_.clear();
  first_time_ns_ = 0;
  error_rows_ = 0;
  overrides_.clear();
  emit wasReset();
}

void MessageStore::append(std::span<IndexBatch> batches) {
  // Every batch's contexts and sessions first: the records may refer to any of them.
  std::size_t count = 0;
  for (IndexBatch& b : batches) {
    absorb_tables(table_, b);
    count += b.records.size();
  }
  if (count == 0) {
    emit batchAbsorbed();
    return;
  }
  const auto first = static_cast<qsizetype>(records_.size());
  const auto last = first + static_cast<qsizetype>(count) - 1;
  for (IndexBatch& b : batches) {
    if (records_.empty() && !b.records.empty()) first_time_ns_ = b.records.front().time_ns;
    for (const MessageRecord& r : b.records) {
      timeline_.add(r, records_.size());
      // Stream problems: bytes that are not messages, and messages the capture cut. BMP
      // messages are messages.
      if (r.kind == FramedKind::Unparsed || r.kind == FramedKind::Gap ||
          r.kind == FramedKind::MrtDamage ||
          (r.flags & (framed_flag::kTruncated | framed_flag::kCutByGap)))
        ++error_rows_;
      records_.push_back(r);
    }
    b.records.clear();
  }
  // One signal for all the batches: one insertion into the list.
  emit appended(first, last);
  emit batchAbsorbed();
}

void MessageStore::set_loading(bool loading) {
  if (loading == loading_) return;
  loading_ = loading;
  emit loadingChanged(loading);
}

const SessionInfo* MessageStore::session_of(const MessageRecord& r) const {
  if (r.context >= table_.contexts.size()) return nullptr;
  const std::uint32_t s = table_.contexts[r.context].session;
  return s < table_.sessions.size() ? &table_.sessions[s] : nullptr;
}

std::uint8_t MessageStore::direction_of(const MessageRecord& r) const {
  return r.context < table_.contexts.size() ? table_.contexts[r.context].direction : 0;
}

DecodedMessage MessageStore::decode(std::size_t row, Depth depth) const {
  if (!bytes_ || row >= records_.size()) return {};
  const std::optional<std::uint32_t> session = session_id_of(row);
  const ContextOverride* settings = session ? session_override(*session) : nullptr;
  return decode_record(*bytes_, table_, record(row), depth, settings);
}

std::optional<std::uint32_t> MessageStore::session_id_of(std::size_t row) const {
  if (row >= records_.size()) return std::nullopt;
  const MessageRecord r = record(row);
  if (r.context >= table_.contexts.size()) return std::nullopt;
  return table_.contexts[r.context].session;
}

void MessageStore::set_session_override(std::uint32_t session, const ContextOverride& settings) {
  if (settings.empty()) {
    overrides_.erase(session);
  } else {
    overrides_[session] = settings;
  }
  emit decoding_changed();
}

const ContextOverride* MessageStore::session_override(std::uint32_t session) const {
  const auto it = overrides_.find(session);
  return it == overrides_.end() ? nullptr : &it->second;
}

Bytes MessageStore::message_bytes(std::size_t row) const {
  if (!bytes_ || row >= records_.size()) return {};
  const MessageRecord r = record(row);
  if (r.kind == FramedKind::Gap) return {};
  return bytes_->view(r.address, r.length);
}

}  // namespace bgplens
