#pragma once
// The keep-alive pool's bookkeeping, kept free of sockets so that its rules are unit tested:
// connections are parked per origin, reused newest first, and dropped when too old or too many.
// Internal to adapters/net.

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

namespace siren::net {

template <class Connection>
class idle_pool {
public:
    using clock = std::chrono::steady_clock;

    // Many servers close idle connections after about a minute (nginx 75 s, AWS load balancers
    // 60 s); staying below that keeps most reuses alive, and send() retries the others once.
    explicit idle_pool(std::size_t per_origin = 4,
                       clock::duration max_age = std::chrono::seconds(50))
        : per_origin_(per_origin)
        , max_age_(max_age) {}

    // The connection parked last for origin, or null when none is young enough.
    std::unique_ptr<Connection> take(const std::string& origin, clock::time_point now) {
        drop_expired(now);
        auto found = idle_.find(origin);
        if (found == idle_.end())
            return nullptr;
        auto connection = std::move(found->second.back().connection);
        found->second.pop_back();
        if (found->second.empty())
            idle_.erase(found);
        return connection;
    }

    // Parks a connection whose last exchange ended cleanly; the oldest goes when origin is full.
    void put(const std::string& origin, std::unique_ptr<Connection> connection,
             clock::time_point now) {
        drop_expired(now);
        auto& parked = idle_[origin];
        parked.push_back({std::move(connection), now});
        if (parked.size() > per_origin_)
            parked.pop_front();
    }

    std::size_t size() const {
        std::size_t n = 0;
        for (const auto& [origin, parked] : idle_)
            n += parked.size();
        return n;
    }

private:
    struct entry {
        std::unique_ptr<Connection> connection;
        clock::time_point since;
    };

    // Every origin, not just the one asked for: idle sockets to hosts no longer called go too.
    void drop_expired(clock::time_point now) {
        for (auto it = idle_.begin(); it != idle_.end();) {
            auto& parked = it->second;
            while (!parked.empty() && now - parked.front().since >= max_age_)
                parked.pop_front();
            it = parked.empty() ? idle_.erase(it) : std::next(it);
        }
    }

    std::size_t per_origin_;
    clock::duration max_age_;
    std::map<std::string, std::deque<entry>> idle_; // per origin, oldest first
};

} // namespace siren::net
