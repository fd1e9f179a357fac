#include "config/files.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace siren::config::detail {

namespace {
outcome<std::string> failure(std::string why) {
    return {boost::system::in_place_error, std::move(why)};
}
} // namespace

outcome<std::string> read_regular_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec)
        return failure(ec.message());
    if (!std::filesystem::is_regular_file(status))
        return failure("not a regular file");
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                               &std::fclose);
    if (!file)
        return failure(std::generic_category().message(errno));
    std::string contents(max_bytes + 1, '\0');
    contents.resize(std::fread(contents.data(), 1, contents.size(), file.get()));
    if (std::ferror(file.get()))
        return failure(std::generic_category().message(errno));
    if (contents.size() > max_bytes)
        return failure("larger than " + std::to_string(max_bytes) + " bytes");
    // Both sides of the outcome are strings, so the side is named.
    return {boost::system::in_place_value, std::move(contents)};
}

} // namespace siren::config::detail
