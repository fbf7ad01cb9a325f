#include "fields/field_registry.h"

#include <algorithm>
#include <array>
#include <vector>

namespace bgplens {
namespace {

constexpr std::array<FieldInfo, static_cast<std::size_t>(FieldId::Count)> kFields{{
#define FIELD(id, key, name, kind, rfc, description) \
  {FieldId::id, key, name, FieldKind::kind, rfc, description},
#include "fields/all_fields.def"
#undef FIELD
}};

struct KeyIndex {
  std::vector<const FieldInfo*> sorted;
  KeyIndex() {
    for (const FieldInfo& f : kFields)
      sorted.push_back(&f);
    std::sort(sorted.begin(), sorted.end(),
              [](const FieldInfo* a, const FieldInfo* b) { return a->key < b->key; });
  }
};

}  // namespace

const FieldInfo& field_info(FieldId id) {
  const auto i = static_cast<std::size_t>(id);
  return kFields[i < kFields.size() ? i : 0];
}

const FieldInfo* find_field(std::string_view key) {
  static const KeyIndex index;
  auto it = std::lower_bound(index.sorted.begin(), index.sorted.end(), key,
                             [](const FieldInfo* f, std::string_view k) { return f->key < k; });
  return it != index.sorted.end() && (*it)->key == key ? *it : nullptr;
}

std::size_t field_count() {
  return kFields.size();
}

bool is_nlri_entry(FieldId id) {
  switch (id) {
    case FieldId::Prefix:
    case FieldId::EvpnNlri:
    case FieldId::FlowspecNlri:
    case FieldId::BgplsNlri:
    case FieldId::MvpnNlri:
    case FieldId::VplsNlri:
    case FieldId::RtcNlri:
    case FieldId::SrPolicyNlri:
    case FieldId::MupNlri:
      return true;
    default:
      return false;
  }
}

}  // namespace bgplens
