// The coreutils/grep filters scenario pipelines use after a tool (`ip ... | grep X`): grep, head,
// tail, wc, sort, cat. They read CmdCtx::in (the previous command's output) and print what GNU
// grep 3.8 / coreutils 9.1 print.
#include <algorithm>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "cli/cmd.h"

namespace linuxnet {
namespace {

std::vector<std::string> Lines(const std::string& in) {
  std::vector<std::string> v;
  std::stringstream ss(in);
  std::string l;
  while (std::getline(ss, l)) v.push_back(l);
  return v;
}

int CmdGrep(CmdCtx& ctx, const std::vector<std::string>& argv) {
  bool invert = false, count = false, icase = false, ext = false, fixed = false, word = false, quiet = false;
  std::string pattern;
  bool have = false;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (!have && a.size() > 1 && a[0] == '-' && a != "--") {
      if (a == "-e" && i + 1 < argv.size()) {
        pattern = argv[++i];
        have = true;
        continue;
      }
      for (size_t j = 1; j < a.size(); j++) {
        switch (a[j]) {
          case 'v': invert = true; break;
          case 'c': count = true; break;
          case 'i': icase = true; break;
          case 'E': ext = true; break;
          case 'F': fixed = true; break;
          case 'w': word = true; break;
          case 'q': quiet = true; break;
          default:
            ctx.Err(std::string("grep: invalid option -- '") + a[j] + "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                    "Try 'grep --help' for more information.\n");
            return 2;
        }
      }
    } else if (!have) {
      pattern = a;
      have = true;
    }
  }
  if (!have) {
    ctx.Err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  std::regex re;
  try {
    std::string p = pattern;
    if (fixed) {
      std::string q;
      for (char c : p) {
        if (std::string(".^$|()[]{}*+?\\").find(c) != std::string::npos) q += '\\';
        q += c;
      }
      p = q;
    }
    if (word) p = "\\b(" + p + ")\\b";
    auto flags = (ext || fixed || word) ? std::regex::extended : std::regex::basic;
    if (word) flags = std::regex::ECMAScript;
    if (icase) flags |= std::regex::icase;
    re = std::regex(p, flags);
  } catch (const std::regex_error&) {
    ctx.Err("grep: Unmatched ( or \\(\n");
    return 2;
  }
  int n = 0;
  for (const std::string& l : Lines(ctx.in)) {
    bool m = std::regex_search(l, re) != invert;
    if (!m) continue;
    n++;
    if (!count && !quiet) ctx.Out(l + "\n");
  }
  if (count && !quiet) ctx.Out(std::to_string(n) + "\n");
  return n ? 0 : 1;
}

// head/tail -n N, -N
int HeadTail(CmdCtx& ctx, const std::vector<std::string>& argv, bool head) {
  long n = 10;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a == "-n" && i + 1 < argv.size()) n = std::atol(argv[++i].c_str());
    else if (a.size() > 2 && a.compare(0, 2, "-n") == 0) n = std::atol(a.c_str() + 2);
    else if (a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]))) n = std::atol(a.c_str() + 1);
  }
  std::vector<std::string> v = Lines(ctx.in);
  size_t k = static_cast<size_t>(std::max(0L, n));
  size_t from = head ? 0 : (v.size() > k ? v.size() - k : 0);
  size_t to = head ? std::min(v.size(), k) : v.size();
  for (size_t i = from; i < to; i++) ctx.Out(v[i] + "\n");
  return 0;
}
int CmdHead(CmdCtx& ctx, const std::vector<std::string>& argv) { return HeadTail(ctx, argv, true); }
int CmdTail(CmdCtx& ctx, const std::vector<std::string>& argv) { return HeadTail(ctx, argv, false); }

int CmdWc(CmdCtx& ctx, const std::vector<std::string>& argv) {
  size_t lines = static_cast<size_t>(std::count(ctx.in.begin(), ctx.in.end(), '\n'));
  if (argv.size() > 1 && argv[1] == "-l") {
    ctx.Out(std::to_string(lines) + "\n");
    return 0;
  }
  std::stringstream ss(ctx.in);
  size_t words = 0;
  std::string w;
  while (ss >> w) words++;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%7zu %7zu %7zu\n", lines, words, ctx.in.size());
  ctx.Out(buf);
  return 0;
}

int CmdSort(CmdCtx& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> v = Lines(ctx.in);
  bool numeric = false, reverse = false;
  for (size_t i = 1; i < argv.size(); i++) {
    if (argv[i] == "-n") numeric = true;
    else if (argv[i] == "-r") reverse = true;
  }
  std::stable_sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
    if (numeric) return std::atof(a.c_str()) < std::atof(b.c_str());
    return a < b;  // the C locale's byte order
  });
  if (reverse) std::reverse(v.begin(), v.end());
  for (auto& l : v) ctx.Out(l + "\n");
  return 0;
}

// cat [FILE]...: the files a script wrote (or stdin for none and for "-"), one after another
int CmdCat(CmdCtx& ctx, const std::vector<std::string>& argv) {
  if (argv.size() < 2) {
    ctx.Out(ctx.in);
    return 0;
  }
  int rc = 0;
  for (size_t i = 1; i < argv.size(); i++) {
    if (argv[i] == "-") {
      ctx.Out(ctx.in);
      ctx.in.clear();
      continue;
    }
    if (argv[i] == "/dev/null") continue;
    const std::string* f = ctx.user->File(argv[i], false);
    if (!f) {
      ctx.Err("cat: " + argv[i] + ": No such file or directory\n");
      rc = 1;
      continue;
    }
    ctx.Out(*f);
  }
  return rc;
}

struct Registrar {
  Registrar() {
    RegisterCommand("grep", &CmdGrep);
    RegisterCommand("head", &CmdHead);
    RegisterCommand("tail", &CmdTail);
    RegisterCommand("wc", &CmdWc);
    RegisterCommand("sort", &CmdSort);
    RegisterCommand("cat", &CmdCat);
  }
} registrar;

}  // namespace
}  // namespace linuxnet
