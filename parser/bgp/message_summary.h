// One line per message: "UPDATE +3 −1 ipv4", "OPEN AS 65001, hold 90 s, id 10.0.0.1, ...".
// Used by the message list and as the value of the message's tree node.
#pragma once

#include <string>

#include "bgp/decoded_message.h"

namespace bgplens {

std::string message_summary(const DecodedMessage& decoded);

}  // namespace bgplens
