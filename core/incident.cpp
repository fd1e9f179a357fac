#include "incident.hpp"

#include <algorithm>
#include <iterator>

namespace siren {

bool is_open(const incident& i) {
    return is_open(i.current);
}

const user_id& owner(const incident& i) {
    return duty_holder(i, role::ic);
}

const user_id& duty_holder(const incident& i, role r) {
    static const user_id nobody;
    for (int k = static_cast<int>(r); k >= 0; --k)
        if (auto it = i.roles.find(static_cast<role>(k));
            it != i.roles.end() && !it->second.empty())
            return it->second;
    return nobody;
}

bool is_filled(const incident& i, role r) {
    auto it = i.roles.find(r);
    return it != i.roles.end() && !it->second.empty();
}

bool holds_a_role(const incident& i, const user_id& user) {
    return std::any_of(std::begin(all_roles), std::end(all_roles),
                       [&](role r) { return is_filled(i, r) && duty_holder(i, r) == user; });
}

std::string incident_ref(const incident& i) {
    return "#" + std::to_string(i.id);
}

} // namespace siren
