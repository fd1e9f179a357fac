// HTTP/1.1 server with Beast: one coroutine per connection that reads a request, answers it and
// only then reads the next, so each stream has one reader and one writer. Plain HTTP only: TLS
// terminates at the reverse proxy in front of siren.

#include "adapters/net/error.hpp"
#include "adapters/net/http_server.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace siren::net {

std::optional<std::string_view> server_request::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (boost::beast::iequals(key, name))
            return value;
    }
    return std::nullopt;
}

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::as_tuple;
using asio::use_awaitable;
using boost::system::error_code;
using boost::system::result;

// Room for long proxy and tracing headers; Beast's default is 8 KiB.
constexpr std::uint32_t max_header_bytes = 64 * 1024;
// How long a connection being closed keeps reading what the client still sends: closing a socket
// with unread bytes makes the kernel send a reset, which can destroy the response (a 413, say)
// before the client has read it.
constexpr auto linger_time = std::chrono::seconds(1);
// After an accept failure other than stopping (out of file descriptors, say): trying again at
// once would fail the same way in a busy loop.
constexpr auto accept_retry = std::chrono::milliseconds(100);

struct server_state {
    tcp::acceptor acceptor;
    request_handler handler;
    spawner spawn;
    server_limits limits;
    std::set<beast::tcp_stream*> open; // every connection, for stop() and max_connections
    bool stopped = false;
};

void stop_all(server_state& state) {
    state.stopped = true;
    error_code ignored;
    state.acceptor.close(ignored);
    // Pending reads and writes complete with operation_aborted; each connection then ends itself.
    for (auto* stream : state.open)
        stream->close();
}

// One accepted connection, registered with the server for as long as this object lives: also
// when a spawner destroys the connection's coroutine before it ever ran. It keeps the server's
// state alive, so the server may be destroyed while its connections wind down.
class connection {
public:
    connection(std::shared_ptr<server_state> state, tcp::socket socket)
        : state_(std::move(state))
        , stream_(std::make_unique<beast::tcp_stream>(std::move(socket))) {
        state_->open.insert(stream_.get());
    }
    connection(connection&&) noexcept = default;
    connection& operator=(connection&&) = delete;
    ~connection() {
        if (stream_)
            state_->open.erase(stream_.get());
    }

    server_state& server() { return *state_; }
    beast::tcp_stream& stream() { return *stream_; }

private:
    std::shared_ptr<server_state> state_;
    std::unique_ptr<beast::tcp_stream> stream_;
};

bool is_token_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Beast writes names and values as given: a line break in a handler's header (from user input,
// say) would inject headers or a second response.
bool sendable(const server_response& response) {
    return response.status >= 200 && response.status <= 599 &&
           std::all_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
               const auto& [name, value] = header;
               return !name.empty() && std::all_of(name.begin(), name.end(), is_token_char) &&
                      value.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos;
           });
}

server_response internal_error() {
    return {.status = 500, .headers = {{"Content-Type", "text/plain"}}, .body = "internal error"};
}

// Framing is the server's: a handler's Content-Length or Connection could contradict what is sent.
bool set_by_server(std::string_view name) {
    return beast::iequals(name, "Content-Length") || beast::iequals(name, "Connection") ||
           beast::iequals(name, "Transfer-Encoding") || beast::iequals(name, "Keep-Alive");
}

server_request to_server_request(http::request<http::string_body> message) {
    server_request out;
    out.method = std::string(message.method_string());
    out.target = std::string(message.target());
    for (const auto& field : message)
        out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    out.body = std::move(message.body());
    return out;
}

http::response<http::string_body> to_message(server_response response, unsigned version, bool head,
                                             bool keep_alive) {
    if (!sendable(response))
        response = internal_error();
    http::response<http::string_body> message;
    message.result(static_cast<unsigned>(response.status));
    message.version(version);
    for (const auto& [name, value] : response.headers) {
        if (!set_by_server(name))
            message.insert(name, value);
    }
    // These statuses have no body (RFC 9110 §15.3.5, §15.4.5); sending one would desynchronize
    // the connection.
    if (response.status != 204 && response.status != 304)
        message.body() = std::move(response.body);
    message.keep_alive(keep_alive);
    message.prepare_payload();
    // HEAD gets the Content-Length a GET would have, without the body.
    if (head)
        message.body().clear();
    return message;
}

// The status that answers a failed read, or none when there is nobody to answer: the client
// left or went quiet, or the server is stopping.
std::optional<http::status> refusal(error_code ec) {
    if (ec == http::error::body_limit)
        return http::status::payload_too_large;
    if (ec == http::error::header_limit)
        return http::status::request_header_fields_too_large;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return std::nullopt;
    if (ec.category() == http::make_error_code(http::error::bad_method).category())
        return http::status::bad_request;
    return std::nullopt;
}

// Stops sending, then reads and drops what the client still sends until it closes, for
// linger_time at most (see linger_time).
asio::awaitable<void> close_gracefully(beast::tcp_stream& stream) {
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.expires_after(linger_time);
    std::array<char, 4096> scratch;
    for (;;) {
        auto [ec, n] =
            co_await stream.async_read_some(asio::buffer(scratch), as_tuple(use_awaitable));
        if (ec)
            co_return;
    }
}

asio::awaitable<void> refuse(beast::tcp_stream& stream, http::status status,
                             std::chrono::seconds timeout) {
    http::response<http::string_body> message(status, 11);
    message.set(http::field::content_type, "text/plain");
    message.body() = std::string(http::obsolete_reason(status)) + "\n";
    message.keep_alive(false);
    message.prepare_payload();
    stream.expires_after(timeout);
    auto [ec, written] = co_await http::async_write(stream, message, as_tuple(use_awaitable));
    if (!ec)
        co_await close_gracefully(stream);
}

asio::awaitable<void> serve(connection conn) {
    auto& server = conn.server();
    auto& stream = conn.stream();
    const auto& limits = server.limits;
    beast::flat_buffer buffer; // bytes read past one request belong to the next
    bool first = true;
    while (!server.stopped) {
        // Between requests the client may idle; a request, once begun (and the first one on a
        // new connection), must be complete within read_timeout, so a client that trickles
        // bytes cannot hold a connection for long.
        if (!first && buffer.size() == 0) {
            stream.expires_after(limits.idle_timeout);
            auto [ec, n] =
                co_await stream.async_read_some(buffer.prepare(4096), as_tuple(use_awaitable));
            if (ec)
                co_return;
            buffer.commit(n);
        }
        first = false;
        http::request_parser<http::string_body> parser;
        parser.body_limit(limits.max_body);
        parser.header_limit(max_header_bytes);
        stream.expires_after(limits.read_timeout);
        auto [read_ec, read] =
            co_await http::async_read(stream, buffer, parser, as_tuple(use_awaitable));
        if (read_ec) {
            if (auto status = refusal(read_ec))
                co_await refuse(stream, *status, limits.read_timeout);
            co_return;
        }

        auto message = parser.release();
        unsigned version = message.version();
        bool head = message.method() == http::verb::head;
        bool keep_alive = message.keep_alive();
        auto request = to_server_request(std::move(message));
        server_response response;
        try {
            auto handling = server.handler(std::move(request));
            response = co_await std::move(handling);
        } catch (...) {
            response = internal_error();
        }
        if (server.stopped)
            co_return;

        auto reply = to_message(std::move(response), version, head, keep_alive);
        // A client that does not take its response in read_timeout is as stuck as one that does
        // not send its request.
        stream.expires_after(limits.read_timeout);
        auto [write_ec, written] =
            co_await http::async_write(stream, reply, as_tuple(use_awaitable));
        if (write_ec)
            co_return;
        if (!keep_alive) {
            co_await close_gracefully(stream);
            co_return;
        }
    }
}

std::string describe(const tcp::socket& socket) {
    error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (ec)
        return "http connection";
    return "http connection from " + peer.address().to_string() + ":" + std::to_string(peer.port());
}

asio::awaitable<void> accept_loop(std::shared_ptr<server_state> state) {
    while (!state->stopped) {
        auto [ec, socket] = co_await state->acceptor.async_accept(as_tuple(use_awaitable));
        if (ec == asio::error::operation_aborted || !state->acceptor.is_open())
            co_return;
        if (ec) {
            asio::steady_timer pause(state->acceptor.get_executor(), accept_retry);
            auto [wait_ec] = co_await pause.async_wait(as_tuple(use_awaitable));
            if (wait_ec)
                co_return;
            continue;
        }
        error_code ignored;
        if (state->open.size() >= state->limits.max_connections) {
            socket.close(ignored);
            continue;
        }
        // Requests and responses are small and latency-bound.
        socket.set_option(tcp::no_delay(true), ignored);
        auto name = describe(socket);
        connection conn(state, std::move(socket));
        state->spawn(std::move(name), serve(std::move(conn)));
    }
}

class beast_http_server final : public http_server {
public:
    beast_http_server(std::shared_ptr<server_state> state, std::uint16_t port)
        : state_(std::move(state))
        , port_(port) {}
    ~beast_http_server() override { stop(); }

    std::uint16_t port() const override { return port_; }
    asio::awaitable<void> run() override { return accept_loop(state_); }
    void stop() override { stop_all(*state_); }

private:
    std::shared_ptr<server_state> state_;
    std::uint16_t port_;
};

struct listen_address {
    std::string host;
    std::uint16_t port = 0;
};

// "host:port" or "[v6 address]:port"; port 0 asks the OS for a free one.
result<listen_address> parse_listen(std::string_view text) {
    std::string_view host;
    std::string_view port;
    if (text.starts_with('[')) {
        auto close = text.find(']');
        if (close == std::string_view::npos || text.substr(close + 1, 1) != ":")
            return errc::invalid_url;
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return errc::invalid_url;
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) // an IPv6 address without brackets
            return errc::invalid_url;
    }
    if (host.empty())
        return errc::missing_host;
    unsigned number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number > 65535)
        return errc::invalid_port;
    return listen_address{std::string(host), static_cast<std::uint16_t>(number)};
}

result<tcp::acceptor> open_acceptor(const asio::any_io_executor& executor,
                                    const listen_address& where) {
    tcp::resolver resolver(executor);
    error_code ec;
    auto endpoints = resolver.resolve(where.host, std::to_string(where.port),
                                      tcp::resolver::numeric_service, ec);
    if (ec)
        return ec;
    if (endpoints.empty())
        return asio::error::host_not_found;
    auto endpoint = endpoints.begin()->endpoint();
    tcp::acceptor acceptor(executor);
    if (acceptor.open(endpoint.protocol(), ec); ec)
        return ec;
    // A restarted daemon must not wait for its old connections' TIME_WAIT to end; another
    // listener on the port still makes bind fail.
    if (acceptor.set_option(tcp::acceptor::reuse_address(true), ec); ec)
        return ec;
    if (acceptor.bind(endpoint, ec); ec)
        return ec;
    if (acceptor.listen(asio::socket_base::max_listen_connections, ec); ec)
        return ec;
    return acceptor;
}

} // namespace

result<std::unique_ptr<http_server>> make_http_server(asio::any_io_executor executor,
                                                      std::string listen, request_handler handler,
                                                      spawner spawn, server_limits limits) {
    auto where = parse_listen(listen);
    if (!where)
        return where.error();
    auto acceptor = open_acceptor(executor, *where);
    if (!acceptor)
        return acceptor.error();
    error_code ec;
    auto bound = acceptor->local_endpoint(ec);
    if (ec)
        return ec;
    auto state = std::make_shared<server_state>(server_state{
        .acceptor = std::move(*acceptor),
        .handler = std::move(handler),
        .spawn = std::move(spawn),
        .limits = limits,
        .open = {},
        .stopped = false,
    });
    return std::make_unique<beast_http_server>(std::move(state), bound.port());
}

} // namespace siren::net
