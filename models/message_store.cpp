#include "message_store.h"

#include <algorithm>

#include "index/record_decoder.h"

namespace bgplens {

MessageStore::MessageStore(QObject* parent) : QObject(parent) {}

void MessageStore::reset(std::shared_ptr<const ByteStore> bytes) {
  emit aboutToReset();
  bytes_ = std::move(bytes);
  records_.clear();
  records_.shrink_to_fit();
  table_ = ContextTable{};
  timeline_.clear();
  first_time_ns_ = 0;
  error_rows_ = 0;
  overrides_.clear();
  emit wasReset();
}

void MessageStore::append(IndexBatch&& batch) {
  absorb_tables(table_, batch);
  if (batch.records.empty()) {
    emit batchAbsorbed();
    return;
  }
  const auto first = static_cast<qsizetype>(records_.size());
  const auto last = first + static_cast<qsizetype>(batch.records.size()) - 1;
  // One insertion per batch: the list model turns it into one beginInsertRows(first, last).
  emit aboutToAppend(first, last);
  if (records_.empty()) first_time_ns_ = batch.records.front().time_ns;
  // Grow geometrically: reserving exactly each batch's size would copy every row again for
  // every batch (quadratic in the number of batches).
  if (records_.capacity() < records_.size() + batch.records.size())
    records_.reserve(std::max(records_.size() + batch.records.size(), 2 * records_.capacity()));
  for (const MessageRecord& r : batch.records) {
    timeline_.add(r, records_.size());
    // Stream problems: bytes that are not messages, and messages the capture cut. BMP messages
    // are messages.
    if (r.kind == FramedKind::Unparsed || r.kind == FramedKind::Gap ||
        (r.flags & (framed_flag::kTruncated | framed_flag::kCutByGap)))
      ++error_rows_;
    records_.push_back(r);
  }
  emit appended(first, last);
  emit batchAbsorbed();
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
  return decode_record(*bytes_, table_, records_[row], depth, settings);
}

std::optional<std::uint32_t> MessageStore::session_id_of(std::size_t row) const {
  if (row >= records_.size()) return std::nullopt;
  const MessageRecord& r = records_[row];
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
  const MessageRecord& r = records_[row];
  if (r.kind == FramedKind::Gap) return {};
  return bytes_->view(r.address, r.length);
}

}  // namespace bgplens
