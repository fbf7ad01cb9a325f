#include "bgp/nlri/add_path_guess.h"

namespace bgplens {

bool choose_add_path(const NlriListFit& plain, const NlriListFit& with_ids, std::string* reason,
                     const NlriNouns& nouns) {
  auto say = [&](const char* text) {
    if (reason) *reason = text;
  };
  if (plain.fits && !with_ids.fits) {
    say("the bytes parse only without path identifiers");
    return false;
  }
  if (with_ids.fits && !plain.fits) {
    say("the bytes parse only with path identifiers");
    return true;
  }
  if (!plain.fits && !with_ids.fits) {
    say("the bytes parse neither way; decoded without path identifiers");
    return false;
  }
  if (plain.zero_length > 0 && plain.count > 1) {
    if (reason) {
      *reason = "without path identifiers the bytes read as " + std::to_string(plain.zero_length) +
                " " + nouns.zero_length + " among " + std::to_string(plain.count) + " " +
                nouns.items;
    }
    return true;
  }
  say("the bytes parse both ways; the plain reading is the likelier");
  return false;
}

void note_add_path_guess(Walk& w, const NlriBlock& b, UpdateState& state, bool add_path,
                         const std::string& reason) {
  if (!w.has_tree()) return;
  w.note(b.offset, 0,
         std::string("ADD-PATH ") + (add_path ? "assumed present" : "assumed absent") +
             " (heuristic): " + reason);
  state.add_path_notes.push_back({b.family, add_path, reason});
}

}  // namespace bgplens
