#pragma once
// The one place siren reads the time. Everything else receives `now` as a value.

#include "core/time.hpp"

namespace siren {

class clock {
public:
    virtual ~clock() = default;
    virtual time_point now() const = 0;
};

class system_clock final : public clock {
public:
    time_point now() const override {
        return std::chrono::floor<seconds>(std::chrono::system_clock::now());
    }
};

// A clock that stands still until told to move: the shell's `--now` and `/wait`, and tests.
class manual_clock final : public clock {
public:
    explicit manual_clock(time_point start)
        : now_(start) {}
    time_point now() const override { return now_; }
    void advance(seconds by) { now_ += by; }

private:
    time_point now_;
};

} // namespace siren
