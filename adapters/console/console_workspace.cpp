#include "adapters/console/console_workspace.hpp"

#include "adapters/console/console_text.hpp"

namespace siren::adapters::console {

console_workspace::console_workspace(std::ostream& out)
    : out_(out) {}

bool console_workspace::has_channel(std::string_view name) const {
    return channels_.find(name) != channels_.end();
}

void console_workspace::add_channel(std::string name) {
    channels_.insert(std::move(name));
}

void console_workspace::print(std::string_view where, std::string_view text) {
    out_ << "  [" << where << "] " << plain_block(text) << '\n' << std::flush;
}

boost::asio::awaitable<call_result<std::string>>
console_workspace::create_channel(std::string name, bool is_private) {
    if (has_channel(name))
        co_return failed(
            {.retryable = false, .message = "name_taken: #" + name + " already exists"});
    add_channel(name);
    print("#" + name, is_private ? "private channel created" : "channel created");
    co_return name;
}

boost::asio::awaitable<call_result<>> console_workspace::invite(std::string channel,
                                                                std::vector<user_id> users) {
    std::string who;
    for (const auto& u : users)
        who += (who.empty() ? "@" : ", @") + u;
    print("#" + channel, who + (users.size() == 1 ? " was" : " were") + " added to the channel");
    co_return succeeded();
}

boost::asio::awaitable<call_result<>> console_workspace::set_topic(std::string channel,
                                                                   std::string topic) {
    print("#" + channel, "topic: " + topic);
    co_return succeeded();
}

namespace {

// A terminal has no buttons: each is shown with the command that pressing it types.
std::string with_buttons(std::string text, const std::vector<button>& buttons) {
    for (const button& b : buttons)
        text += "\n[" + b.label + ": " + b.command + "]";
    return text;
}

} // namespace

boost::asio::awaitable<call_result<std::string>>
console_workspace::post_message(std::string channel, std::string text, std::vector<button> buttons,
                                std::string mark) {
    std::string id = "m" + std::to_string(next_message_++);
    print("#" + channel, "siren: " + with_buttons(std::move(text), buttons));
    if (!mark.empty())
        marked_[channel + "/" + mark] = id;
    co_return id;
}

boost::asio::awaitable<call_result<>>
console_workspace::update_message(std::string channel, std::string /*message_id*/, std::string text,
                                  std::vector<button> buttons) {
    // A terminal cannot edit what it printed: the new text is printed again.
    print("#" + channel,
          "siren (edited the pinned message): " + with_buttons(std::move(text), buttons));
    co_return succeeded();
}

boost::asio::awaitable<call_result<>> console_workspace::pin(std::string channel,
                                                             std::string /*message_id*/) {
    print("#" + channel, "siren pinned the message above");
    co_return succeeded();
}

boost::asio::awaitable<call_result<>> console_workspace::notify_user(user_id user, std::string text,
                                                                     std::string mark) {
    print("DM @" + user, "siren: " + text);
    if (!mark.empty())
        marked_[user + "/" + mark] = "m" + std::to_string(next_message_++);
    co_return succeeded();
}

boost::asio::awaitable<call_result<std::optional<std::string>>>
console_workspace::find_marked(std::string channel_or_user, std::string mark) {
    auto found = marked_.find(channel_or_user + "/" + mark);
    co_return found == marked_.end() ? std::nullopt : std::optional<std::string>(found->second);
}

boost::asio::awaitable<call_result<std::vector<std::string>>>
console_workspace::channels_created_as(std::string name) {
    std::vector<std::string> created;
    if (has_channel(name))
        created.push_back(name); // the shell's channel ids are their names
    co_return created;
}

boost::asio::awaitable<call_result<>> console_workspace::archive_channel(std::string channel) {
    print("#" + channel, "channel archived");
    co_return succeeded();
}

boost::asio::awaitable<call_result<>>
console_workspace::set_group_members(std::string group, std::vector<user_id> users) {
    std::string who;
    for (const auto& u : users)
        who += (who.empty() ? "@" : ", @") + u;
    print("group " + group, "members now " + who);
    co_return succeeded();
}

boost::asio::awaitable<call_result<>>
console_workspace::upload_file(std::string channel, std::string filename, std::string title,
                               std::string content, std::string comment) {
    files_.insert(channel + "/" + filename + "/" + title);
    std::string shared = "siren shared the file " + filename + " (" + title + ")";
    if (!comment.empty())
        shared += ": " + comment;
    print("#" + channel, shared + "\n" + content);
    co_return succeeded();
}

boost::asio::awaitable<call_result<bool>> console_workspace::file_shared(std::string channel,
                                                                         std::string filename,
                                                                         std::string title,
                                                                         time_point /*since*/) {
    co_return answer(files_.count(channel + "/" + filename + "/" + title) > 0);
}

boost::asio::awaitable<call_result<>> console_workspace::trigger(page_user page) {
    std::string rotation = page.rotation.empty() ? "" : " (" + page.rotation + ")";
    print("page @" + page.user + rotation, page.summary + "  [" + page.dedup_key + "]" +
                                               with_buttons("", page_buttons(page.dedup_key)));
    co_return succeeded();
}

boost::asio::awaitable<call_result<>> console_workspace::acknowledge(std::string dedup_key) {
    print("page acknowledged", dedup_key);
    co_return succeeded();
}

boost::asio::awaitable<call_result<>> console_workspace::resolve(std::string dedup_key) {
    print("page resolved", dedup_key);
    co_return succeeded();
}

} // namespace siren::adapters::console
