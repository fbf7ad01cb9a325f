#include "mrt/store_walk.h"

#include "mrt/mrt_format.h"

namespace bgplens::mrt {

std::uint64_t walk_store(const ByteStore& store, std::stop_token stop,
                         const std::function<bool(const Piece& piece, Bytes bytes)>& visit) {
  RecordWalker walker;
  std::uint64_t want = kEtHeaderLength;
  while (!stop.stop_requested()) {
    store.wait_base(want, stop);
    // Completion first: once it is seen, every byte is published, so the size read after it
    // is final and a short record at the end really is cut short.
    const bool complete = store.base_complete();
    const Bytes file = store.view(0, store.base_size());
    const Piece piece = walker.next(file, complete);
    if (piece.kind == Piece::Kind::End) break;
    if (piece.kind == Piece::Kind::NeedMore) {
      want = piece.want;
      continue;
    }
    if (!visit(piece, file.subspan(piece.offset, piece.length))) break;
  }
  return walker.position();
}

}  // namespace bgplens::mrt
