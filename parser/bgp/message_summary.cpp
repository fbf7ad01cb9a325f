#include "bgp/message_summary.h"

#include "bgp/names/names.h"
#include "util/text.h"

namespace bgplens {

std::string message_summary(const DecodedMessage& d) {
  switch (d.type) {
    case msg_type::kOpen: {
      if (!d.open) return "OPEN";
      const OpenValues& o = *d.open;
      return "OPEN AS " + std::to_string(o.as4 ? *o.as4 : o.my_as) + ", hold " +
             std::to_string(o.hold_time) + " s, id " + text::ipv4_value(o.bgp_id) + ", " +
             std::to_string(o.capabilities_seen.size()) + " capabilities";
    }
    case msg_type::kUpdate: {
      const UpdateCounts& u = d.update;
      std::string families;
      for (std::uint8_t i = 0; i < u.family_count; ++i) {
        families += (i ? ", " : "") + names::family_short(u.families[i]);
      }
      if (u.end_of_rib) return "UPDATE End-of-RIB " + families;
      std::string s = "UPDATE +" + std::to_string(u.announced) + " −" + std::to_string(u.withdrawn);
      if (!families.empty()) s += " " + families;
      return s;
    }
    case msg_type::kNotification: {
      if (!d.notification) return "NOTIFICATION";
      const auto [code, sub] = *d.notification;
      std::string s = "NOTIFICATION " + std::to_string(code) + "/" + std::to_string(sub) + " ";
      const std::string_view cn = names::notification_code(code);
      s += cn.empty() ? "unassigned" : std::string(cn);
      const std::string_view sn = names::notification_subcode(code, sub);
      if (!sn.empty() && sub != 0) s += ": " + std::string(sn);
      return s;
    }
    case msg_type::kKeepalive:
      return "KEEPALIVE";
    case msg_type::kRouteRefresh: {
      std::string s = "ROUTE-REFRESH";
      if (d.refresh_family) s.append(" ").append(names::family_short(*d.refresh_family));
      return s;
    }
  }
  const std::string_view name = names::message_type(d.type);
  return name.empty() ? "type " + std::to_string(d.type) : std::string(name);
}

}  // namespace bgplens
