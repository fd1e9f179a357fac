#pragma once
// The people of the configuration and who of them is on call, for one transport: in the shell a
// person is known by their handle ("alice"), in Slack by their Slack id.

#include "bot/external_schedules.hpp"
#include "core/incident_view.hpp"
#include "core/settings.hpp"
#include "store/sqlite_store.hpp"

namespace siren {

enum class identity { handle, slack_id };

class people_directory final : public directory {
public:
    // external answers for rotations whose schedule lives in PagerDuty or Opsgenie; null: such
    // rotations have nobody on call.
    people_directory(const settings& config, const store::sqlite_store& store, identity ids,
                     const external_schedules* external = nullptr);

    bool knows(std::string_view user) const override;
    std::optional<user_id> on_call(std::string_view track, time_point now) const override;
    std::vector<shift> shifts(std::string_view track, time_point from,
                              time_point until) const override;
    std::optional<user_id> user_of(std::string_view handle) const override;
    std::string time_zone(std::string_view user) const override;

private:
    const person* find(std::string_view user) const;
    user_id id_of(const person& p) const;
    std::vector<shift> external_shifts(const rotation_settings& r, track which, time_point from,
                                       time_point until) const;

    const settings& config_;
    const store::sqlite_store& store_;
    identity ids_;
    const external_schedules* external_;
};

} // namespace siren
