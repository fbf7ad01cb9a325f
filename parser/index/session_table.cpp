#include "index/session_table.h"

namespace bgplens {

std::string SessionInfo::direction_text(std::uint8_t direction) const {
  return source(direction).text() + " → " + destination(direction).text();
}

}  // namespace bgplens
