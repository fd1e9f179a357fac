// HTTP/1.1 over TCP or TLS with Beast, and a keep-alive pool so that a burst of API calls to one
// host costs one handshake.

#include "adapters/net/connect.hpp"
#include "adapters/net/error.hpp"
#include "adapters/net/http_client.hpp"
#include "adapters/net/idle_pool.hpp"
#include "adapters/net/tls_context.hpp"
#include "adapters/net/url.hpp"
#include "adapters/net/user_agent.hpp"

#include <algorithm>
#include <variant>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/system/system_error.hpp>

namespace siren::net {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using boost::system::result;
using clock = std::chrono::steady_clock;

constexpr std::uint64_t max_body_bytes = 8 * 1024 * 1024;
// Room for long security and tracing headers; Beast's default is 8 KiB.
constexpr std::uint32_t max_header_bytes = 64 * 1024;

using request_message = http::request<http::string_body>;

struct connection {
    template <class Stream, class... Args>
    explicit connection(std::in_place_type_t<Stream> type, Args&&... args)
        : stream(type, std::forward<Args>(args)...) {}

    beast::tcp_stream& tcp() {
        return std::visit([](auto& s) -> beast::tcp_stream& { return beast::get_lowest_layer(s); },
                          stream);
    }

    std::variant<beast::tcp_stream, tls_stream> stream;
    beast::flat_buffer buffer; // bytes read past one response belong to the next
};

struct exchange_outcome {
    error_code ec;
    // No byte of a response arrived: the only case in which sending again is allowed.
    bool nothing_received = true;
    bool keep_alive = false;
    http::response<http::string_body> response;
};

// How a parked connection that the server closed while it was idle fails on its first use.
bool is_stale_connection(error_code ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::connection_aborted ||
           ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated;
}

bool is_token_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Beast writes names and values as given: a line break here would inject a header.
bool sendable_header(std::string_view name, std::string_view value) {
    return !name.empty() && std::all_of(name.begin(), name.end(), is_token_char) &&
           value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

result<request_message> make_message(http_request request, const url& where) {
    auto verb = http::string_to_verb(request.method);
    if (verb == http::verb::unknown)
        return errc::invalid_request;
    request_message message(verb, where.target, 11);
    message.set(http::field::host, where.authority());
    message.set(http::field::user_agent, user_agent);
    for (const auto& [name, value] : request.headers) {
        if (!sendable_header(name, value))
            return errc::invalid_request;
        auto field = http::string_to_field(name);
        if (field == http::field::host || field == http::field::user_agent)
            message.set(field, value);
        else
            message.insert(name, value);
    }
    message.body() = std::move(request.body);
    message.prepare_payload();
    return message;
}

http_response to_response(http::response<http::string_body> message) {
    http_response out;
    out.status = static_cast<int>(message.result_int());
    for (const auto& field : message)
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    out.body = std::move(message.body());
    return out;
}

// One request and its response on stream; every step ends by the deadline.
template <class Stream>
asio::awaitable<exchange_outcome> exchange(Stream& stream, beast::flat_buffer& buffer,
                                           const request_message& request,
                                           clock::time_point deadline) {
    exchange_outcome out;
    auto& tcp = beast::get_lowest_layer(stream);
    tcp.expires_at(deadline);
    auto [write_ec, written] =
        co_await http::async_write(stream, request, asio::as_tuple(asio::use_awaitable));
    if (write_ec) {
        out.ec = write_ec;
        co_return out;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(max_body_bytes);
    parser.header_limit(max_header_bytes);
    parser.skip(request.method() == http::verb::head);
    tcp.expires_at(deadline);
    auto [read_ec, read] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    out.nothing_received = !parser.got_some() && buffer.size() == 0;
    out.ec = read_ec;
    if (!read_ec) {
        out.keep_alive = parser.keep_alive();
        out.response = parser.release();
    }
    co_return out;
}

// Runs on one thread (siren's io_context). The client must outlive the sends in progress.
class beast_http_client final : public http_client {
public:
    beast_http_client(asio::any_io_executor executor, asio::ssl::context tls)
        : executor_(std::move(executor))
        , tls_(std::move(tls)) {}

    asio::awaitable<result<http_response>> send(http_request request) override {
        auto where = parse_url(request.url);
        if (!where)
            co_return where.error();
        if (where->scheme != url_scheme::http && where->scheme != url_scheme::https)
            co_return errc::unsupported_scheme;
        auto deadline = clock::now() + request.timeout;
        auto message = make_message(std::move(request), *where);
        if (!message)
            co_return message.error();

        std::string origin = where->origin();
        auto conn = pool_.take(origin, clock::now());
        bool reused = conn != nullptr;
        for (;;) {
            if (!conn) {
                auto opened = co_await open(*where, deadline);
                if (!opened)
                    co_return opened.error();
                conn = std::move(*opened);
            }
            auto outcome = co_await exchange_on(*conn, *message, deadline);
            if (!outcome.ec) {
                // A connection the server is closing is dropped without a TLS close_notify: the
                // response is complete, and waiting for the peer's would only delay the caller.
                if (outcome.keep_alive)
                    pool_.put(origin, std::move(conn), clock::now());
                co_return to_response(std::move(outcome.response));
            }
            // A server may close a parked connection at any moment; that request never reached
            // it, so it goes again once on a fresh connection. A fresh connection failing, or
            // one that had begun to answer, is the caller's failure: sending again could repeat
            // a side effect.
            if (!reused || !outcome.nothing_received || !is_stale_connection(outcome.ec))
                co_return outcome.ec;
            reused = false;
            conn.reset();
        }
    }

private:
    asio::awaitable<result<std::unique_ptr<connection>>> open(url where,
                                                              clock::time_point deadline) {
        auto conn =
            where.secure()
                ? std::make_unique<connection>(std::in_place_type<tls_stream>, executor_, tls_)
                : std::make_unique<connection>(std::in_place_type<beast::tcp_stream>, executor_);
        auto& tcp = conn->tcp();
        tcp.expires_at(deadline);
        if (auto ec = co_await connect_tcp(tcp, where.host, where.port))
            co_return ec;
        if (auto* tls = std::get_if<tls_stream>(&conn->stream)) {
            tcp.expires_at(deadline);
            if (auto ec = co_await handshake_tls(*tls, where.host))
                co_return ec;
        }
        co_return std::move(conn);
    }

    asio::awaitable<exchange_outcome> exchange_on(connection& conn, const request_message& request,
                                                  clock::time_point deadline) {
        if (auto* tls = std::get_if<tls_stream>(&conn.stream))
            co_return co_await exchange(*tls, conn.buffer, request, deadline);
        co_return co_await exchange(std::get<beast::tcp_stream>(conn.stream), conn.buffer, request,
                                    deadline);
    }

    asio::any_io_executor executor_;
    asio::ssl::context tls_; // declared before pool_: parked TLS streams refer to it
    idle_pool<connection> pool_;
};

} // namespace

std::unique_ptr<http_client> make_http_client(asio::any_io_executor executor, tls_options tls) {
    auto context = make_tls_context(tls);
    if (!context)
        throw boost::system::system_error(context.error(),
                                          "TLS set-up with CA file '" + tls.ca_file + "'");
    return std::make_unique<beast_http_client>(std::move(executor), std::move(*context));
}

} // namespace siren::net
