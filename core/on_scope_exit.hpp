#pragma once
// Runs a function when the scope ends, however it ends: returning, an exception, or a
// coroutine abandoned at a wait (cancelled, or its frame destroyed).

#include <utility>

namespace siren {

template <class Function>
class on_scope_exit {
public:
    explicit on_scope_exit(Function f)
        : f_(std::move(f)) {}
    on_scope_exit(const on_scope_exit&) = delete;
    on_scope_exit& operator=(const on_scope_exit&) = delete;
    ~on_scope_exit() { f_(); }

private:
    Function f_;
};

} // namespace siren
