// net/netfilter/xt_comment.c with libxt_comment.c: always matches, carries a string
#include <cstring>

#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

constexpr unsigned XT_MAX_COMMENT_LEN = 256;
struct XtCommentInfo {
  char comment[XT_MAX_COMMENT_LEN];
};

bool CommentMt(const SkBuff*, XtActionParam*) { return true; }

const XtOpt kOpts[] = {{"comment", true, 1}, {nullptr, false, 0}};

int CommentParse(XtParseCtx& c) {
  XtCommentInfo* i = static_cast<XtCommentInfo*>(c.data);
  if (c.invert) return XtErr(c, "Unexpected `!' after --comment");
  // xtopt_parse_string with XTOPT_PUT and no maximum: a longer comment is cut to what fits
  std::strncpy(i->comment, c.arg, XT_MAX_COMMENT_LEN - 1);
  *c.flags = 1;
  return 0;
}
int CommentFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "comment: option \"--comment\" must be specified\n"); }

void CommentPrint(const void* d, const IptIp*, bool, std::string& out) {
  out += std::string(" /* ") + static_cast<const XtCommentInfo*>(d)->comment + " */";
}
void CommentSave(const void* d, const IptIp*, std::string& out) {
  out += " --comment" + XtSaveString(static_cast<const XtCommentInfo*>(d)->comment);
}

const XtExt kComment = [] {
  XtExt e;
  e.name = "comment";
  e.size = sizeof(XtCommentInfo);
  e.usersize = sizeof(XtCommentInfo);
  e.match = &CommentMt;
  e.opts = kOpts;
  e.parse = &CommentParse;
  e.final_check = &CommentFinal;
  e.print = &CommentPrint;
  e.save = &CommentSave;
  return e;
}();
const XtExtRegistrar reg(&kComment);

}  // namespace
}  // namespace linuxnet
