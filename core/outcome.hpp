#pragma once
// The result type of the domain: a value, or the reason it was refused, worded for the person who
// asked. Transport and I/O errors use boost::system::result<T> with an error_code instead.

#include <string>

#include <boost/system/result.hpp>

namespace siren {

template <class T = void>
using outcome = boost::system::result<T, std::string>;

// Builds the failing side of an outcome: `return refuse("why");`.
inline boost::system::result<void, std::string> refuse(std::string why) {
    return boost::system::result<void, std::string>(boost::system::in_place_error, std::move(why));
}

} // namespace siren
