#include "open_comparison.h"

#include <QObject>
#include <algorithm>

#include "bgp/names/names.h"
#include "bgp/peer_context.h"
#include "session_report.h"
#include "util/text.h"

namespace bgplens {
namespace {

QString qs(std::string_view s) {
  return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString capability_name(std::uint8_t code) {
  const std::string_view name = names::capability(code);
  return name.empty() ? QObject::tr("Capability %1").arg(code) : qs(names::with_number(name, code));
}

// Items of both OPENs, in order of appearance (A's first), each once.
template <typename T, typename Key>
std::vector<Key> union_of(const std::array<const OpenValues*, 2>& open,
                          std::vector<T> OpenValues::*list, Key (*key)(const T&)) {
  std::vector<Key> keys;
  for (const OpenValues* o : open) {
    if (!o) continue;
    for (const T& item : o->*list) {
      const Key k = key(item);
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
  }
  return keys;
}

QString directions_text(bool a_to_b, bool b_to_a) {
  if (a_to_b && b_to_a) return QObject::tr("both ways");
  if (a_to_b) return QObject::tr("A → B only");
  if (b_to_a) return QObject::tr("B → A only");
  return QObject::tr("not in use");
}

class Builder {
 public:
  Builder(const SessionIndex& index, std::uint32_t session) {
    const SessionStats& s = index.stats(session);
    const auto& contexts = index.store().contexts().contexts;
    for (std::size_t d = 0; d < 2; ++d)
      open_[d] = s.dir[d].open ? &*s.dir[d].open : nullptr;
    both_ = open_[0] && open_[1];
    for (std::size_t d = 0; d < 2; ++d) {
      // The context the messages of this direction were decoded with, as the indexer
      // negotiated it; negotiate() again only if the table holds no negotiated one.
      const std::uint32_t i = s.dir[d].context;
      if (i < contexts.size() && contexts[i].as4_from == Provenance::Negotiated) {
        ctx_[d] = contexts[i];
      } else {
        ctx_[d] = negotiate(open_[d], s.dir[d].open_row, open_[1 - d], s.dir[1 - d].open_row);
      }
    }
  }

  std::vector<CapabilityRow> build(const SessionStats& s) {
    header_rows(s);
    as4();
    multiprotocol();
    flag(QObject::tr("Route Refresh (2)"), &OpenValues::route_refresh);
    extended_message();
    add_path();
    multiple_labels();
    extended_next_hop();
    flag(capability_name(64), &OpenValues::graceful_restart);
    others();
    return std::move(rows_);
  }

 private:
  // What the OPEN of side `d` says: "" without that OPEN, "—" when it lacks the item.
  QString side(std::size_t d, bool present, const QString& text) const {
    if (!open_[d]) return {};
    return present ? text : QStringLiteral("—");
  }
  void add(QString name, QString a, QString b, QString effect, bool in_effect) {
    rows_.push_back(
        CapabilityRow{std::move(name), {std::move(a), std::move(b)}, std::move(effect), in_effect});
  }

  void header_rows(const SessionStats& s) {
    std::array<QString, 2> version, as, hold, id;
    for (std::size_t d = 0; d < 2; ++d) {
      if (!open_[d]) continue;
      const OpenValues& o = *open_[d];
      version[d] = QString::number(o.version);
      as[d] = o.as4 && *o.as4 != o.my_as
                  ? QObject::tr("%1 (My AS field %2)").arg(*o.as4).arg(o.my_as)
                  : QString::number(o.as4 ? *o.as4 : o.my_as);
      hold[d] = QObject::tr("%1 s").arg(o.hold_time);
      id[d] = QString::fromStdString(text::ipv4_value(o.bgp_id));
    }
    add(QObject::tr("BGP version"), version[0], version[1], {}, false);
    add(QObject::tr("AS number"), as[0], as[1], {}, false);
    add(QObject::tr("Hold time"), hold[0], hold[1],
        both_ ? session_report::hold_time_text(s) + (open_[0]->hold_time != open_[1]->hold_time
                                                         ? QObject::tr(" (the smaller)")
                                                         : QString())
              : QString(),
        both_);
    add(QObject::tr("BGP identifier"), id[0], id[1],
        both_ && open_[0]->bgp_id == open_[1]->bgp_id ? QObject::tr("the same on both sides")
                                                      : QString(),
        false);
  }

  void as4() {
    if (!(has(&OpenValues::as4, 0) || has(&OpenValues::as4, 1))) return;
    std::array<QString, 2> sent;
    for (std::size_t d = 0; d < 2; ++d) {
      sent[d] =
          side(d, has(&OpenValues::as4, d),
               open_[d] && open_[d]->as4 ? QObject::tr("AS %1").arg(*open_[d]->as4) : QString());
    }
    const bool on = both_ && ctx_[0].as4;
    add(capability_name(65), sent[0], sent[1],
        !both_ ? QString()
               : (on ? QObject::tr("4-octet AS numbers") : QObject::tr("2-octet AS numbers")),
        on);
  }

  bool has(std::optional<std::uint32_t> OpenValues::*field, std::size_t d) const {
    return open_[d] && (open_[d]->*field).has_value();
  }

  void multiprotocol() {
    const auto families = union_of<Family, Family>(open_, &OpenValues::multiprotocol,
                                                   [](const Family& f) { return f; });
    for (const Family& f : families) {
      std::array<bool, 2> sent{};
      for (std::size_t d = 0; d < 2; ++d) {
        sent[d] = open_[d] &&
                  std::find(open_[d]->multiprotocol.begin(), open_[d]->multiprotocol.end(), f) !=
                      open_[d]->multiprotocol.end();
      }
      const bool on = sent[0] && sent[1];
      add(QObject::tr("Multiprotocol: %1").arg(QString::fromStdString(names::family(f))),
          side(0, sent[0], QObject::tr("yes")), side(1, sent[1], QObject::tr("yes")),
          both_ ? (on ? QObject::tr("in use") : QObject::tr("not in use")) : QString(), on);
    }
    // Without the capability from a speaker, only IPv4 unicast in the UPDATE's own fields can
    // be exchanged with it (RFC 4760 §8 uses the capability to signal the others).
    if (both_ && (open_[0]->multiprotocol.empty() || open_[1]->multiprotocol.empty())) {
      add(capability_name(1), side(0, !open_[0]->multiprotocol.empty(), QObject::tr("yes")),
          side(1, !open_[1]->multiprotocol.empty(), QObject::tr("yes")),
          QObject::tr("IPv4 unicast only"), true);
    }
  }

  void flag(const QString& name, bool OpenValues::*field) {
    const bool a = open_[0] && open_[0]->*field;
    const bool b = open_[1] && open_[1]->*field;
    if (!a && !b) return;
    add(name, side(0, a, QObject::tr("yes")), side(1, b, QObject::tr("yes")),
        both_ ? (a && b ? QObject::tr("in use") : QObject::tr("not in use")) : QString(), a && b);
  }

  void extended_message() {
    const bool a = open_[0] && open_[0]->extended_message;
    const bool b = open_[1] && open_[1]->extended_message;
    if (!a && !b) return;
    const bool on = both_ && ctx_[0].extended_message;
    add(capability_name(6), side(0, a, QObject::tr("yes")), side(1, b, QObject::tr("yes")),
        !both_ ? QString()
               : (on ? QObject::tr("messages up to 65535 bytes")
                     : QObject::tr("messages up to 4096 bytes")),
        on);
  }

  void add_path() {
    const auto families = union_of<AddPathOffer, Family>(
        open_, &OpenValues::add_path, [](const AddPathOffer& o) { return o.family; });
    for (const Family& f : families) {
      std::array<QString, 2> sent;
      for (std::size_t d = 0; d < 2; ++d) {
        if (!open_[d]) continue;
        const auto& offers = open_[d]->add_path;
        const auto it = std::find_if(offers.begin(), offers.end(),
                                     [&](const AddPathOffer& o) { return o.family == f; });
        sent[d] = side(d, it != offers.end(),
                       it == offers.end() ? QString() : qs(names::add_path_mode(it->send_receive)));
      }
      const bool a = ctx_[0].has_add_path(f);
      const bool b = ctx_[1].has_add_path(f);
      add(QObject::tr("ADD-PATH: %1").arg(QString::fromStdString(names::family(f))), sent[0],
          sent[1], both_ ? QObject::tr("path IDs %1").arg(directions_text(a, b)) : QString(),
          both_ && (a || b));
    }
  }

  void multiple_labels() {
    const auto families = union_of<MultipleLabelsOffer, Family>(
        open_, &OpenValues::multiple_labels, [](const MultipleLabelsOffer& o) { return o.family; });
    for (const Family& f : families) {
      std::array<QString, 2> sent;
      std::array<bool, 2> used{};
      for (std::size_t d = 0; d < 2; ++d) {
        if (!open_[d]) continue;
        const auto& offers = open_[d]->multiple_labels;
        const auto it = std::find_if(offers.begin(), offers.end(),
                                     [&](const MultipleLabelsOffer& o) { return o.family == f; });
        sent[d] = side(d, it != offers.end(),
                       it == offers.end() ? QString() : QObject::tr("up to %1").arg(it->count));
        used[d] = std::any_of(ctx_[d].multiple_labels.begin(), ctx_[d].multiple_labels.end(),
                              [&](const MultipleLabelsOffer& o) { return o.family == f; });
      }
      QString effect;
      if (both_) {
        QStringList parts;
        if (used[0]) parts << QObject::tr("A → B up to %1").arg(ctx_[0].labels_for(f));
        if (used[1]) parts << QObject::tr("B → A up to %1").arg(ctx_[1].labels_for(f));
        effect = parts.isEmpty() ? QObject::tr("one label") : parts.join(QStringLiteral(", "));
      }
      add(QObject::tr("Multiple Labels: %1").arg(QString::fromStdString(names::family(f))), sent[0],
          sent[1], effect, both_ && (used[0] || used[1]));
    }
  }

  void extended_next_hop() {
    using Key = std::pair<Family, std::uint16_t>;
    const auto keys = union_of<ExtendedNextHopOffer, Key>(open_, &OpenValues::extended_next_hop,
                                                          [](const ExtendedNextHopOffer& o) {
                                                            return Key{o.nlri, o.next_hop_afi};
                                                          });
    for (const auto& [f, nh] : keys) {
      std::array<bool, 2> sent{};
      for (std::size_t d = 0; d < 2; ++d) {
        sent[d] = open_[d] && std::any_of(open_[d]->extended_next_hop.begin(),
                                          open_[d]->extended_next_hop.end(),
                                          [&](const ExtendedNextHopOffer& o) {
                                            return o.nlri == f && o.next_hop_afi == nh;
                                          });
      }
      const bool a = ctx_[0].has_extended_next_hop(f, nh);
      const bool b = ctx_[1].has_extended_next_hop(f, nh);
      const std::string_view afi = names::afi(nh);
      add(QObject::tr("Extended Next Hop: %1 with %2 next hops")
              .arg(QString::fromStdString(names::family(f)),
                   afi.empty() ? QObject::tr("AFI %1").arg(nh) : qs(afi)),
          side(0, sent[0], QObject::tr("yes")), side(1, sent[1], QObject::tr("yes")),
          both_ ? directions_text(a, b) : QString(), both_ && (a || b));
    }
  }

  // Capabilities without a row of their own: in use when both speakers advertised them.
  void others() {
    static constexpr std::array<std::uint8_t, 8> kShown = {1, 2, 5, 6, 8, 64, 65, 69};
    std::vector<std::uint8_t> codes;
    for (const OpenValues* o : open_) {
      if (!o) continue;
      for (const std::uint8_t c : o->capabilities_seen) {
        if (std::find(kShown.begin(), kShown.end(), c) == kShown.end() &&
            std::find(codes.begin(), codes.end(), c) == codes.end()) {
          codes.push_back(c);
        }
      }
    }
    for (const std::uint8_t c : codes) {
      std::array<long, 2> times{};
      for (std::size_t d = 0; d < 2; ++d) {
        if (open_[d])
          times[d] =
              std::count(open_[d]->capabilities_seen.begin(), open_[d]->capabilities_seen.end(), c);
      }
      auto text = [](long n) {
        return n > 1 ? QObject::tr("yes (%1 times)").arg(n) : QObject::tr("yes");
      };
      const bool on = times[0] > 0 && times[1] > 0;
      add(capability_name(c), side(0, times[0] > 0, text(times[0])),
          side(1, times[1] > 0, text(times[1])),
          both_ ? (on ? QObject::tr("advertised by both") : QObject::tr("not in use")) : QString(),
          on);
    }
  }

  std::array<const OpenValues*, 2> open_{};
  std::array<PeerContext, 2> ctx_;
  bool both_ = false;
  std::vector<CapabilityRow> rows_;
};

}  // namespace

std::vector<CapabilityRow> compare_opens(const SessionIndex& index, std::uint32_t session) {
  const SessionStats& s = index.stats(session);
  if (!s.dir[0].open && !s.dir[1].open) return {};
  return Builder(index, session).build(s);
}

}  // namespace bgplens
