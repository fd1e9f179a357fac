#pragma once
// What the loopback test servers share: their sessions' streams are kept where stop() can close
// them, and a session's exception fails the test instead of vanishing.

#include <exception>
#include <set>

#include <boost/beast/core/tcp_stream.hpp>

namespace siren::test {

using open_streams = std::set<boost::beast::tcp_stream*>;

// Keeps a connection in `open` for as long as its session runs.
class open_stream {
public:
    open_stream(open_streams& open, boost::beast::tcp_stream& stream)
        : open_(open)
        , stream_(&stream) {
        open_.insert(stream_);
    }
    ~open_stream() { open_.erase(stream_); }
    open_stream(const open_stream&) = delete;
    open_stream& operator=(const open_stream&) = delete;

private:
    open_streams& open_;
    boost::beast::tcp_stream* stream_;
};

// The completion of a test server's coroutines: a bug in a session fails loudly.
inline void rethrow(std::exception_ptr e) {
    if (e)
        std::rethrow_exception(e);
}

} // namespace siren::test
