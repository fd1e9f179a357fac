// slack_workspace: sharing files with Slack's external upload flow (files.getUploadURLExternal,
// the bytes to the URL it gives, files.completeUploadExternal) and finding a share whose answer
// was lost (files.list).

#include "adapters/slack/json_access.hpp"
#include "adapters/slack/slack_workspace.hpp"

#include <algorithm>

namespace siren::slack {

namespace asio = boost::asio;
using adapters::call_result;
using adapters::failed;
using detail::json;
using detail::to_text;

namespace {

// The bytes go as they are; Slack tells the file's type by its name.
constexpr std::string_view upload_type = "application/octet-stream";

// files.list pages. A channel sees a handful of files while siren retries one share.
constexpr std::string_view files_per_page = "100";
// The listing is paged by number; more pages than this are not read.
constexpr int max_file_pages = 10;

// Until files.completeUploadExternal, an uploaded file belongs to nobody and is shown nowhere:
// a step before it whose answer was lost can simply be made again, so its failure never says
// that the outcome is unknown.
adapters::failure before_sharing(adapters::failure why) {
    why.outcome_unknown = false;
    return why;
}

bool is_file_shared(const json& file, const std::string& filename, const std::string& title) {
    return file.is_object() && detail::text_at(file, {"name"}) == filename &&
           (title.empty() || detail::text_at(file, {"title"}) == title);
}

int int_at(const json& object, std::initializer_list<std::string_view> path) {
    const json* value = detail::find(object, path);
    return value && value->is_number_integer() ? value->get<int>() : 0;
}

} // namespace

asio::awaitable<call_result<std::optional<std::string>>>
slack_workspace::channel_id(std::string channel) {
    std::string id = resolve_channel(channel);
    if (!id.starts_with("#"))
        co_return std::optional(std::move(id));
    // A channel siren did not create: its id from the listing.
    auto channels = co_await open_channels();
    if (!channels)
        co_return failed(channels.error());
    auto named = std::find_if(channels->begin(), channels->end(),
                              [&](const listed_channel& c) { return "#" + c.name == id; });
    if (named == channels->end())
        co_return std::optional<std::string>();
    co_return std::optional(named->id);
}

asio::awaitable<call_result<>> slack_workspace::upload_file(std::string channel,
                                                            std::string filename, std::string title,
                                                            std::string content,
                                                            std::string comment) {
    auto where = co_await channel_id(channel);
    if (!where)
        co_return failed(before_sharing(where.error()));
    if (!*where)
        co_return failed(
            {.retryable = false,
             .message = "files.completeUploadExternal: channel_not_found (no channel " + channel +
                        " to share " + filename + " in)"});

    form_fields ask{{"filename", filename}, {"length", std::to_string(content.size())}};
    auto asked = co_await api_.call_form("files.getUploadURLExternal", std::move(ask));
    if (!asked)
        co_return failed(before_sharing(asked.error()));
    auto granted = detail::parse_object(*asked);
    std::string upload_url = granted ? detail::text_at(*granted, {"upload_url"}) : std::string();
    std::string file_id = granted ? detail::text_at(*granted, {"file_id"}) : std::string();
    if (upload_url.empty() || file_id.empty())
        co_return failed({.retryable = false,
                          .message = "files.getUploadURLExternal answered ok without an upload_url "
                                     "or a file_id"});

    auto uploaded = co_await api_.upload_bytes(std::move(upload_url), std::move(content),
                                               std::string(upload_type));
    if (!uploaded)
        co_return failed(before_sharing(uploaded.error()));

    json files = json::array({{{"id", file_id}, {"title", title}}});
    json complete = {{"files", std::move(files)}, {"channel_id", **where}};
    if (!comment.empty())
        complete["initial_comment"] = with_channel_links(comment);
    std::string body = to_text(complete);
    auto completed = co_await api_.call("files.completeUploadExternal", std::move(body));
    if (!completed)
        co_return failed(completed.error());
    auto shared = detail::parse_object(*completed);
    const json* listed = shared ? detail::find(*shared, {"files"}) : nullptr;
    if (!listed || !listed->is_array() || listed->empty())
        co_return failed({.retryable = false,
                          .message = "files.completeUploadExternal answered ok without files"});
    co_return adapters::succeeded();
}

asio::awaitable<call_result<bool>> slack_workspace::file_shared(std::string channel,
                                                                std::string filename,
                                                                std::string title,
                                                                time_point since) {
    auto where = co_await channel_id(channel);
    if (!where)
        co_return failed(where.error());
    if (!*where)
        co_return adapters::answer(false); // nothing can have been shared where there is nothing
    for (int page = 1; page <= max_file_pages; ++page) {
        form_fields fields{{"channel", **where},
                           {"ts_from", std::to_string(since.time_since_epoch().count())},
                           {"count", std::string(files_per_page)},
                           {"page", std::to_string(page)}};
        auto answer = co_await api_.call_form("files.list", std::move(fields));
        if (!answer)
            co_return failed(answer.error());
        auto parsed = detail::parse_object(*answer);
        const json* files = parsed ? detail::find(*parsed, {"files"}) : nullptr;
        if (!files || !files->is_array())
            co_return failed({.retryable = true, .message = "files.list answered without files"});
        for (const json& f : *files)
            if (is_file_shared(f, filename, title))
                co_return adapters::answer(true);
        if (page >= int_at(*parsed, {"paging", "pages"}))
            break;
    }
    co_return adapters::answer(false);
}

} // namespace siren::slack
