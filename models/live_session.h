// One live source at a time, on the GUI side: a BGP session we take part in, a BMP station or
// an interface capture. Its thread indexes what arrives (parser/live/live_index.h) into the
// CaptureLoader's queue, so its rows fill the same MessageStore and models as a file's, and
// an optional recording (MRT or pcapng) is written as the rows come. The source reports to
// this object on its own thread; status() is put together from those reports and emitted a
// few times a second on the GUI thread.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <mutex>

#include "capture_loader.h"
#include "live/bgp_connection.h"
#include "live/bmp_station.h"
#include "live/interface_capture.h"
#include "live_status.h"

namespace bgplens {

class LiveSession : public QObject {
  Q_OBJECT

 public:
  LiveSession(CaptureLoader* loader, QObject* parent = nullptr);
  ~LiveSession() override;

  // Each starts the source (stopping one that runs) and returns an empty string, or why it
  // could not start (the store is then left as it was). `record_path`: also record to this
  // .mrt or .pcapng file (empty: no recording).
  QString start_bgp(const live::SpeakerConfig& speaker, const live::FsmOptions& fsm,
                    const live::ConnectionOptions& connection, const QString& record_path = {});
  QString start_bmp(const live::BmpStationOptions& options, const QString& record_path = {});
  QString start_capture(const live::CaptureOptions& options, const QString& record_path = {});

  // Disconnect: a BGP session ends with a Cease (RFC 4486 §4 Administrative Shutdown), a
  // station closes its routers' connections, a capture stops. The rows stay.
  void stop();
  // ROUTE-REFRESH (RFC 2918) for every negotiated family.
  void request_refresh();

  bool running() const;
  LiveStatus status() const;
  // Where the source listens (passive BGP, BMP), 0 otherwise.
  std::uint16_t listening_port() const { return listening_port_; }

 signals:
  void statusChanged(const LiveStatus& status);

 private:
  class Reports;
  // Makes the sink chain (loader queue, then the recorder when asked) for a new source.
  QString begin(const QString& title, LiveKind kind, const QString& record_path);
  void end(const QString& summary);
  void poll_status();

  CaptureLoader* loader_;
  std::shared_ptr<ByteStore> store_;
  std::shared_ptr<IndexSink> queue_sink_;
  std::unique_ptr<Reports> reports_;
  // The source and what indexes for it; one of the three is set while running.
  std::unique_ptr<live::SessionObserver> session_indexer_;
  std::unique_ptr<live::BgpConnection> connection_;
  std::unique_ptr<live::BmpObserver> station_indexer_;
  std::unique_ptr<live::BmpStation> station_;
  std::unique_ptr<live::CaptureObserver> capture_indexer_;
  std::unique_ptr<live::InterfaceCapture> capture_;
  std::uint16_t listening_port_ = 0;
  QTimer status_timer_;
};

}  // namespace bgplens
