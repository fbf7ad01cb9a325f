// ADD-PATH for one NLRI field (RFC 7911 §3): what the session context says, or, when the OPENs
// in the capture do not settle it, a guess from the bytes. Shared by every NLRI decoder; each
// supplies how its encoding parses with and without path identifiers.
#pragma once

#include <cstddef>
#include <string>

#include "bgp/nlri/family_table.h"

namespace bgplens {

// How an NLRI field reads with (or without) a path identifier before each NLRI.
struct NlriListFit {
  bool fits = false;            // a list of valid NLRI ending exactly at the end of the field
  std::size_t count = 0;        // NLRI read
  std::size_t zero_length = 0;  // NLRI of length 0, which the zero bytes of path ids read as
};

// Words for the reason text: "default routes (/0)" among "prefixes".
struct NlriNouns {
  const char* zero_length = "default routes (/0)";
  const char* items = "prefixes";
};

// RFC 7911 gives no in-band signal for path identifiers: the reading that parses wins; if both
// parse, a list that only parses plainly by containing zero-length NLRI among others is taken
// as ADD-PATH (path ids begin with zero bytes), otherwise plain. `reason` (may be null) says why.
bool choose_add_path(const NlriListFit& plain, const NlriListFit& with_ids, std::string* reason,
                     const NlriNouns& nouns = {});

// Records a guessed decision: a note at the start of the field and, for the "Decoding context"
// node, an UpdateState entry (tree only).
void note_add_path_guess(Walk& w, const NlriBlock& b, UpdateState& state, bool add_path,
                         const std::string& reason);

// Whether the NLRI of `b` carry path identifiers. `fit(Bytes field, bool add_path)` returns the
// NlriListFit of the field under that reading; it is called only when the answer is guessed.
template <class Fit>
bool resolve_add_path(Walk& w, const NlriBlock& b, UpdateState& state, Fit&& fit,
                      const NlriNouns& nouns = {}) {
  const PeerContext& ctx = w.context();
  if (!ctx.add_path_guessed(b.family)) return ctx.has_add_path(b.family);
  const Bytes field = w.slice(b.offset, b.length);
  std::string reason;
  const bool add_path =
      choose_add_path(fit(field, false), fit(field, true), w.has_tree() ? &reason : nullptr, nouns);
  note_add_path_guess(w, b, state, add_path, reason);
  return add_path;
}

}  // namespace bgplens
