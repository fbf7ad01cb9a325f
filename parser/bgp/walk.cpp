#include "bgp/walk.h"

#include "util/text.h"

namespace bgplens {

static std::string_view treatment_suffix(Treatment t) {
  switch (t) {
    case Treatment::None:
      return "";
    case Treatment::AttributeDiscard:
      return " RFC 7606: attribute discard.";
    case Treatment::TreatAsWithdraw:
      return " RFC 7606: treat-as-withdraw.";
    case Treatment::AfiSafiDisable:
      return " RFC 7606: AFI/SAFI disable.";
    case Treatment::SessionReset:
      return " RFC 7606: session reset.";
  }
  return "";
}

void Walk::problem(Severity severity, std::uint32_t offset, std::uint32_t length,
                   std::string message, Treatment treatment) {
  if (tree_) {
    std::string text = message;
    text += treatment_suffix(treatment);
    tree_->leaf(FieldId::ErrorNode, offset, length, text, 0, severity);
  }
  out_.problems.push_back(DecodeProblem{offset, length, severity, treatment, std::move(message)});
}

void Walk::note(std::uint32_t offset, std::uint32_t length, std::string_view message) {
  if (tree_) tree_->leaf(FieldId::ErrorNode, offset, length, message, 0, Severity::Note);
}

std::string bytes_left(std::uint32_t n) {
  return "the " + text::byte_count(n) + " left";
}

}  // namespace bgplens
