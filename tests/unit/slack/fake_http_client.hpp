#pragma once
// A scripted net::http_client for the Slack adapter's tests: answers queued per Web API method
// (the last path segment of the URL), every request recorded with the time it was sent. No
// doctest here, so that other test helpers may use it.

#include "adapters/call_result.hpp"
#include "adapters/net/http_client.hpp"

#include <chrono>
#include <deque>
#include <exception>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/system/errc.hpp>

namespace siren::adapters {

// For test assertions on call_result, whose printing needs one.
inline std::ostream& operator<<(std::ostream& out, const failure& f) {
    return out << (f.retryable ? "retryable: " : "permanent: ") << f.message;
}

} // namespace siren::adapters

namespace siren::testing {

class fake_http_client final : public net::http_client {
public:
    struct sent {
        net::http_request request;
        std::chrono::steady_clock::time_point at;

        std::string method() const { return request.url.substr(request.url.rfind('/') + 1); }
        std::optional<std::string> header(std::string_view name) const {
            for (const auto& [n, v] : request.headers)
                if (n == name)
                    return v;
            return std::nullopt;
        }
    };

    void answer(std::string method, int status, std::string body, net::header_list headers = {}) {
        net::http_response response;
        response.status = status;
        response.headers = std::move(headers);
        response.body = std::move(body);
        scripts_[std::move(method)].emplace_back(std::move(response));
    }
    void answer_ok(std::string method, std::string body) {
        answer(std::move(method), 200, std::move(body));
    }
    void answer_error(std::string method, std::string code) {
        answer(std::move(method), 200, R"({"ok":false,"error":")" + code + R"("})");
    }
    void fail(std::string method, boost::system::error_code ec) {
        scripts_[std::move(method)].emplace_back(ec);
    }

    boost::asio::awaitable<boost::system::result<net::http_response>>
    send(net::http_request request) override {
        requests.push_back({request, std::chrono::steady_clock::now()});
        auto& queue = scripts_[requests.back().method()];
        if (queue.empty()) {
            net::http_response unscripted;
            unscripted.status = 200;
            unscripted.body = R"({"ok":false,"error":"unscripted_in_test"})";
            co_return unscripted;
        }
        auto next = std::move(queue.front());
        queue.pop_front();
        co_return next;
    }

    // The methods called, in order.
    std::vector<std::string> methods() const {
        std::vector<std::string> out;
        for (const auto& r : requests)
            out.push_back(r.method());
        return out;
    }

    std::vector<sent> requests;

private:
    std::map<std::string, std::deque<boost::system::result<net::http_response>>> scripts_;
};

// Runs a coroutine to completion on a private io_context; rethrows what it threw.
template <class T>
T run(boost::asio::awaitable<T> task) {
    boost::asio::io_context io;
    std::optional<T> out;
    std::exception_ptr thrown;
    boost::asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T value) {
        thrown = e;
        if (!e)
            out.emplace(std::move(value));
    });
    io.run();
    if (thrown)
        std::rethrow_exception(thrown);
    return std::move(*out);
}

} // namespace siren::testing
