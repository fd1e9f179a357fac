#pragma once
// A scripted net::http_client for the Slack adapter's tests: answers queued per Web API method
// (the last path segment of the URL), every request recorded with the time it was sent. No
// doctest here, so that other test helpers may use it. The pager tests queue answers by the
// URL's whole path instead ("/v2/alerts/requests/r1", no query): a name starting with '/' is one.

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
        // "/v2/alerts/requests/r1" of "https://api.opsgenie.com/v2/alerts/requests/r1?x=1".
        std::string path() const {
            auto scheme = request.url.find("://");
            auto start = request.url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
            if (start == std::string::npos)
                return "/";
            return request.url.substr(start, request.url.find('?', start) - start);
        }
        // What follows '?': "identifierType=alias"; empty when there is none.
        std::string query() const {
            auto mark = request.url.find('?');
            return mark == std::string::npos ? std::string() : request.url.substr(mark + 1);
        }
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
        auto by_path = scripts_.find(requests.back().path());
        auto& queue = by_path != scripts_.end() && !by_path->second.empty()
                          ? by_path->second
                          : scripts_[requests.back().method()];
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

    // The paths called, in order.
    std::vector<std::string> paths() const {
        std::vector<std::string> out;
        for (const auto& r : requests)
            out.push_back(r.path());
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
