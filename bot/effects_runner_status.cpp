// effects_runner: the hosted status page (mirror_status effects).

#include "bot/effects_runner.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;
using adapters::call_result;

asio::awaitable<call_result<>> effects_runner::mirror(store::outbox_item item, mirror_status e) {
    auto mirrored = co_await mirror_on_host(item, e);
    if (mirrored) {
        if (told_status_host_down_.erase(e.incident) > 0)
            spdlog::info("the hosted status page answers again (incident {})", e.incident);
        co_return mirrored;
    }
    if (e.incident != 0)
        tell_status_host_down(e.incident, mirrored.error());
    co_return mirrored;
}

asio::awaitable<call_result<>> effects_runner::mirror_on_host(const store::outbox_item& item,
                                                              const mirror_status& e) {
    if (!status_host_) {
        adapters::failure refusal{.retryable = false,
                                  .message = "no hosted status page is configured "
                                             "(status_mirror.kind)"};
        co_return adapters::failed(std::move(refusal));
    }
    adapters::hosted_incident wanted{.name = e.title,
                                     .service = e.service,
                                     .current = e.current,
                                     .status = e.status,
                                     .body = e.update};
    auto known = store_.status_incident(e.incident);
    if (!known && item.unsure) {
        // An earlier attempt of this create may have made the incident without siren hearing
        // back: it is an open one of this name that no other incident has.
        auto open = co_await status_host_->open_incidents_named(e.title);
        if (!open) {
            adapters::failure why = open.error();
            why.outcome_unknown = true; // still unsure: look again next time
            co_return adapters::failed(std::move(why));
        }
        for (const std::string& id : *open)
            if (!store_.knows_status_incident(id)) {
                spdlog::info("{} incident {} was created by an earlier attempt; not creating it "
                             "again",
                             status_host_->kind(), id);
                store_.record_status_incident(e.incident, id);
                co_return adapters::succeeded(); // made from this very effect
            }
    }
    if (known)
        co_return co_await status_host_->update_incident(*known, std::move(wanted));
    auto made = co_await status_host_->create_incident(std::move(wanted));
    if (!made)
        co_return adapters::failed(made.error());
    store_.record_status_incident(e.incident, *made);
    co_return adapters::succeeded();
}

void effects_runner::tell_status_host_down(incident_id incident, const adapters::failure& why) {
    if (!told_status_host_down_.insert(incident).second)
        return;
    std::string next = why.retryable ? "siren keeps trying"
                                     : "siren does not try again: check `status_mirror` and its "
                                       "API key";
    tell_in_lane(incident, ":warning: The hosted status page did not take siren's change (" +
                               why.message + "). The incident goes on here; " + next + ".");
}

} // namespace siren
