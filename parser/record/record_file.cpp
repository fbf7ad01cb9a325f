#include "record/record_file.h"

#include <cerrno>
#include <cstring>

namespace bgplens::record {

Expected<RecordFile> RecordFile::create(const std::string& path,
                                        std::chrono::milliseconds flush_interval) {
  std::unique_ptr<std::FILE, Closer> f(std::fopen(path.c_str(), "wb"));
  if (!f) return unexpected("cannot create " + path + ": " + std::strerror(errno));
  return RecordFile(std::move(f), path, flush_interval);
}

RecordFile::RecordFile(std::unique_ptr<std::FILE, Closer> file, std::string path,
                       std::chrono::milliseconds interval)
    : file_(std::move(file)),
      path_(std::move(path)),
      interval_(interval),
      last_flush_(std::chrono::steady_clock::now()) {}

bool RecordFile::fail(const char* what, int error_number) {
  if (error_.empty())
    error_ = std::string("cannot ") + what + " " + path_ + ": " + std::strerror(error_number);
  return false;
}

bool RecordFile::write(Bytes bytes) {
  if (!error_.empty()) return false;
  if (!file_) return fail("write", EBADF);
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size())
    return fail("write", errno);
  written_ += bytes.size();
  const auto now = std::chrono::steady_clock::now();
  if (now - last_flush_ >= interval_) {
    last_flush_ = now;
    return flush();
  }
  return true;
}

bool RecordFile::flush() {
  if (!error_.empty()) return false;
  if (file_ && std::fflush(file_.get()) != 0) return fail("write", errno);
  return true;
}

bool RecordFile::close() {
  if (!file_) return error_.empty();
  const bool flushed = flush();
  // fclose reports what the final write-back hit (a full disk, an NFS error).
  const int closed = std::fclose(file_.release());
  if (closed != 0) return fail("close", errno);
  return flushed;
}

}  // namespace bgplens::record
