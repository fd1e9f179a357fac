// effects_runner: the hosted status page (mirror_status effects).

#include "bot/effects_runner.hpp"

#include <spdlog/spdlog.h>

namespace siren {

namespace asio = boost::asio;
using adapters::call_result;

asio::awaitable<call_result<>> effects_runner::mirror(const store::outbox_item& item,
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

} // namespace siren
