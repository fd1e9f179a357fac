#pragma once
// How an outside call ended: a value, or a failure that says whether trying again may help.

#include "core/time.hpp"

#include <optional>
#include <string>

#include <boost/system/result.hpp>

namespace siren::adapters {

// retryable comes first so that a failure is never constructible from a string alone, which would
// make call_result<std::string> ambiguous.
struct failure {
    bool retryable = true; // transient (timeout, 5xx, 429) vs permanent (bad request)
    std::string message;   // for logs and the incident channel; never holds a secret
    std::optional<seconds> retry_after{}; // the server's own wait (Retry-After), if it gave one
    // The request may have been carried out although no answer said so (the connection broke
    // after it was sent, or a gateway failed behind the server): trying again blindly could do
    // it twice.
    bool outcome_unknown = false;
};

template <class T = void>
using call_result = boost::system::result<T, failure>;

inline call_result<> succeeded() {
    return {};
}

// A yes/no answer. (A bool alone would be ambiguous: failure is constructible from one.)
inline call_result<bool> answer(bool yes) {
    return call_result<bool>(boost::system::in_place_value, yes);
}

// The failing side of any call_result: `co_return failed({...});`.
struct failed_call {
    failure why;
    template <class T>
    operator call_result<T>() && {
        return call_result<T>(boost::system::in_place_error, std::move(why));
    }
};

inline failed_call failed(failure f) {
    return {std::move(f)};
}

} // namespace siren::adapters
