// iperf3's numbers as iperf3 prints them: units.c (unit_snprintf, unit_atof…), cJSON's printer,
// and iperf_api.c's iperf_stats_callback / iperf_print_intermediate / print_interval_results /
// iperf_print_results with the format strings of iperf_locale.c. Bidirectional mode, -O (omit),
// -F and SCTP are not modelled; their branches are left out.
#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "cli/iperf3.h"

namespace linuxnet {
namespace iperf3 {

namespace {

std::string Fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string Fmt(const char* f, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, f);
  vsnprintf(buf, sizeof buf, f, ap);
  va_end(ap);
  return buf;
}

// iperf_locale.c
const char kBwHeader[] = "[ ID] Interval           Transfer     Bitrate\n";
const char kBwRetransHeader[] = "[ ID] Interval           Transfer     Bitrate         Retr\n";
const char kBwRetransCwndHeader[] = "[ ID] Interval           Transfer     Bitrate         Retr  Cwnd\n";
const char kBwUdpHeader[] = "[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams\n";
const char kBwUdpSenderHeader[] = "[ ID] Interval           Transfer     Bitrate         Total Datagrams\n";
const char kBwFormat[] = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec                  %s\n";
const char kBwRetransFormat[] = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3u             %s\n";
const char kBwRetransCwndFormat[] = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3u   %ss       %s\n";
const char kBwUdpFormat[] = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %5.3f ms  %d/%d (%.2g%%)  %s\n";
const char kBwUdpSenderFormat[] = "[%3d]%s %6.2f-%-6.2f sec  %ss  %ss/sec %s %d  %s\n";
const char kSumBwFormat[] = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec                  %s\n";
const char kSumBwRetransFormat[] = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %3d             %s\n";
const char kSumBwUdpFormat[] = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec  %5.3f ms  %d/%d (%.2g%%)  %s\n";
const char kSumBwUdpSenderFormat[] = "[SUM]%s %6.2f-%-6.2f sec  %ss  %ss/sec %s %d  %s\n";
const char kSeparator[] = "- - - - - - - - - - - - - - - - - - - - - - - - -\n";
const char kSumOutoforder[] = "[SUM]%s %4.1f-%4.1f sec  %d datagrams received out-of-order\n";
const char kOmitted[] = "(omitted)";

double Secs(int64_t us) { return static_cast<double>(us) / 1e6; }

void CjsonNumber(double d, std::string* o) {
  char b[32];
  if (std::isnan(d) || std::isinf(d)) {
    *o += "null";
    return;
  }
  // iperf's cJSON keeps valueint as int64 (clamped) and prints an integral value with it
  int64_t vi = d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : static_cast<int64_t>(d);
  if (d == static_cast<double>(vi)) {
    snprintf(b, sizeof b, "%" PRIu64, static_cast<uint64_t>(vi));
  } else {
    // 15 digits unless they do not read back as the same double (cJSON's compare_double)
    snprintf(b, sizeof b, "%1.15g", d);
    double test = 0;
    if (sscanf(b, "%lg", &test) != 1 || std::fabs(test - d) > std::max(std::fabs(test), std::fabs(d)) * DBL_EPSILON)
      snprintf(b, sizeof b, "%1.17g", d);
  }
  *o += b;
}

void CjsonString(const std::string& s, std::string* o) {
  *o += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': *o += "\\\""; break;
      case '\\': *o += "\\\\"; break;
      case '\b': *o += "\\b"; break;
      case '\f': *o += "\\f"; break;
      case '\n': *o += "\\n"; break;
      case '\r': *o += "\\r"; break;
      case '\t': *o += "\\t"; break;
      default:
        if (c < 32) *o += Fmt("\\u%04x", c);
        else *o += static_cast<char>(c);
    }
  }
  *o += '"';
}

// cJSON's print_value / print_object / print_array
void CjsonValue(const Json& j, bool fmt, size_t depth, std::string* o) {
  switch (j.type()) {
    case Json::value_t::null: *o += "null"; break;
    case Json::value_t::boolean: *o += j.get<bool>() ? "true" : "false"; break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: CjsonNumber(j.get<double>(), o); break;
    case Json::value_t::string: CjsonString(j.get<std::string>(), o); break;
    case Json::value_t::array: {
      *o += '[';
      size_t n = 0;
      for (const auto& e : j) {
        if (n++) *o += fmt ? ", " : ",";
        CjsonValue(e, fmt, depth + 1, o);
      }
      *o += ']';
      break;
    }
    case Json::value_t::object: {
      *o += fmt ? "{\n" : "{";
      size_t n = 0, size = j.size();
      for (const auto& kv : j.items()) {
        if (fmt) o->append(depth + 1, '\t');
        CjsonString(kv.key(), o);
        *o += fmt ? ":\t" : ":";
        CjsonValue(kv.value(), fmt, depth + 1, o);
        if (++n < size) *o += ',';
        if (fmt) *o += '\n';
      }
      if (fmt) o->append(depth, '\t');
      *o += '}';
      break;
    }
    default: *o += "null"; break;
  }
}

// The members every interval and summary object of the -J tree starts with; a stream's first
// names its socket. Extend appends the rest in order.
Json Span(double start, double end, double seconds, uint64_t bytes, double bits_per_second) {
  return Json{
      {"start", start}, {"end", end}, {"seconds", seconds}, {"bytes", bytes}, {"bits_per_second", bits_per_second}};
}
Json StreamSpan(int socket, double start, double end, double seconds, uint64_t bytes, double bits_per_second) {
  Json j = Json{{"socket", socket}};
  j.update(Span(start, end, seconds, bytes, bits_per_second));
  return j;
}
Json Extend(Json j, const Json& more) {
  for (const auto& kv : more.items()) j[kv.key()] = kv.value();
  return j;
}

void Printf(Test* t, const std::string& s) { t->out += s; }

// print_interval_results
void PrintIntervalResults(Test* t, Stream* sp, Json* json_interval_streams) {
  if (sp->result.intervals.empty()) return;
  const IntervalResult& irp = sp->result.intervals.back();
  if (!t->json && sp == t->streams.front().get()) {
    // the first interval: the header; later intervals of several streams: the separator
    if (sp->result.start_time_us == irp.start_us) {
      if (!t->udp) Printf(t, t->sender_has_retransmits == 1 ? kBwRetransCwndHeader : kBwHeader);
      else Printf(t, t->sender() ? kBwUdpSenderHeader : kBwUdpHeader);
    } else if (t->num_streams > 1) {
      Printf(t, kSeparator);
    }
  }
  std::string ubuf = UnitSnprintf(static_cast<double>(irp.bytes_transferred), 'A');
  double bandwidth = irp.duration > 0 ? static_cast<double>(irp.bytes_transferred) / static_cast<double>(irp.duration) : 0;
  std::string nbuf = UnitSnprintf(bandwidth, t->unit_format);
  double st = Secs(irp.start_us - sp->result.start_time_us), et = Secs(irp.end_us - sp->result.start_time_us);
  const double dur = static_cast<double>(irp.duration);
  const char* om = irp.omitted ? kOmitted : "";
  const Json span = t->json ? StreamSpan(sp->socket, st, et, dur, irp.bytes_transferred, bandwidth * 8) : Json();
  if (!t->udp) {
    if (t->sender_has_retransmits == 1 && sp->sender) {
      if (t->json) {
        json_interval_streams->push_back(Extend(span, Json{{"retransmits", irp.interval_retrans},
                                                           {"snd_cwnd", irp.snd_cwnd},
                                                           {"snd_wnd", irp.snd_wnd},
                                                           {"rtt", irp.rtt},
                                                           {"rttvar", irp.rttvar},
                                                           {"pmtu", irp.pmtu},
                                                           {"omitted", irp.omitted},
                                                           {"sender", sp->sender}}));
      } else {
        std::string cbuf = UnitSnprintf(static_cast<double>(irp.snd_cwnd), 'A');
        Printf(t, Fmt(kBwRetransCwndFormat, sp->socket, "", st, et, ubuf.c_str(), nbuf.c_str(),
                      static_cast<unsigned>(irp.interval_retrans), cbuf.c_str(), om));
      }
    } else if (t->json) {
      json_interval_streams->push_back(Extend(span, Json{{"omitted", irp.omitted}, {"sender", sp->sender}}));
    } else {
      Printf(t, Fmt(kBwFormat, sp->socket, "", st, et, ubuf.c_str(), nbuf.c_str(), om));
    }
  } else if (sp->sender) {
    if (t->json)
      json_interval_streams->push_back(
          Extend(span, Json{{"packets", irp.interval_packet_count}, {"omitted", irp.omitted}, {"sender", sp->sender}}));
    else
      Printf(t, Fmt(kBwUdpSenderFormat, sp->socket, "", st, et, ubuf.c_str(), nbuf.c_str(), "",
                    irp.interval_packet_count, om));
  } else {
    double lost_percent =
        irp.interval_packet_count > 0 ? 100.0 * irp.interval_cnt_error / irp.interval_packet_count : 0.0;
    if (t->json)
      json_interval_streams->push_back(Extend(span, Json{{"jitter_ms", irp.jitter * 1000.0},
                                                         {"lost_packets", irp.interval_cnt_error},
                                                         {"packets", irp.interval_packet_count},
                                                         {"lost_percent", lost_percent},
                                                         {"omitted", irp.omitted},
                                                         {"sender", sp->sender}}));
    else
      Printf(t, Fmt(kBwUdpFormat, sp->socket, "", st, et, ubuf.c_str(), nbuf.c_str(), irp.jitter * 1000.0,
                    irp.interval_cnt_error, irp.interval_packet_count, lost_percent, om));
  }
}

}  // namespace

double UnitAtof(const std::string& s) {
  double n = 0;
  char suffix = '\0';
  sscanf(s.c_str(), "%lf%c", &n, &suffix);
  switch (suffix) {
    case 't': case 'T': return n * 1024.0 * 1024 * 1024 * 1024;
    case 'g': case 'G': return n * 1024.0 * 1024 * 1024;
    case 'm': case 'M': return n * 1024.0 * 1024;
    case 'k': case 'K': return n * 1024.0;
    default: return n;
  }
}

double UnitAtofRate(const std::string& s) {
  double n = 0;
  char suffix = '\0';
  sscanf(s.c_str(), "%lf%c", &n, &suffix);
  switch (suffix) {
    case 't': case 'T': return n * 1e12;
    case 'g': case 'G': return n * 1e9;
    case 'm': case 'M': return n * 1e6;
    case 'k': case 'K': return n * 1e3;
    default: return n;
  }
}

// (iperf_size_t) of the double, as x86-64 converts it: a negative count (and NaN) through int64
uint64_t UnitAtoi(const std::string& s) {
  double n = UnitAtof(s);
  if (n >= 1.8e19) return UINT64_MAX;
  if (n >= 0) return static_cast<uint64_t>(n);
  return static_cast<uint64_t>(static_cast<int64_t>(n));
}

std::string UnitSnprintf(double n, char format) {
  static const char* kByte[] = {"Byte", "KByte", "MByte", "GByte", "TByte"};
  static const char* kBit[] = {"bit", "Kbit", "Mbit", "Gbit", "Tbit"};
  const bool upper = std::isupper(static_cast<unsigned char>(format));
  if (!upper) n *= 8;
  int conv = 0;
  switch (std::toupper(static_cast<unsigned char>(format))) {
    case 'B': conv = 0; break;
    case 'K': conv = 1; break;
    case 'M': conv = 2; break;
    case 'G': conv = 3; break;
    case 'T': conv = 4; break;
    default: {
      double tmp = n;
      const double step = upper ? 1024.0 : 1000.0;
      while (tmp >= step && conv < 4) {
        tmp /= step;
        conv++;
      }
    }
  }
  n /= std::pow(upper ? 1024.0 : 1000.0, conv);
  const char* f = n < 9.995 ? "%4.2f %s" : n < 99.95 ? "%4.1f %s" : "%4.0f %s";
  return Fmt(f, n, upper ? kByte[conv] : kBit[conv]);
}

std::string CjsonPrint(const Json& j) {
  std::string o;
  CjsonValue(j, true, 0, &o);
  return o;
}

std::string CjsonPrintUnformatted(const Json& j) {
  std::string o;
  CjsonValue(j, false, 0, &o);
  return o;
}

void StatsCallback(Test* t, int64_t now_us) {
  for (auto& s : t->streams) {
    Stream* sp = s.get();
    StreamResult& rp = sp->result;
    IntervalResult temp;
    temp.omitted = t->omitting;
    temp.bytes_transferred = sp->sender ? rp.bytes_sent_this_interval : rp.bytes_received_this_interval;
    const IntervalResult* irp = rp.intervals.empty() ? nullptr : &rp.intervals.back();
    temp.start_us = irp ? rp.end_time_us : rp.start_time_us;
    rp.end_time_us = now_us;
    temp.end_us = now_us;
    temp.duration = static_cast<float>(Secs(temp.end_us - temp.start_us));
    if (!t->udp) {
      if (t->sender_has_retransmits == 1) {
        // save_tcpinfo: what TCP_INFO says of the stream's socket now
        temp.interval_retrans = sp->tcp.total_retrans - rp.stream_prev_total_retrans;
        rp.stream_retrans += temp.interval_retrans;
        rp.stream_prev_total_retrans = sp->tcp.total_retrans;
        temp.snd_cwnd = sp->tcp.snd_cwnd;
        if (temp.snd_cwnd > rp.stream_max_snd_cwnd) rp.stream_max_snd_cwnd = temp.snd_cwnd;
        temp.snd_wnd = sp->tcp.snd_wnd;
        if (temp.snd_wnd > rp.stream_max_snd_wnd) rp.stream_max_snd_wnd = temp.snd_wnd;
        temp.rtt = sp->tcp.rtt;
        if (temp.rtt > rp.stream_max_rtt) rp.stream_max_rtt = temp.rtt;
        if (rp.stream_min_rtt == 0 || temp.rtt < rp.stream_min_rtt) rp.stream_min_rtt = temp.rtt;
        rp.stream_sum_rtt += temp.rtt;
        rp.stream_count_rtt++;
        temp.rttvar = sp->tcp.rttvar;
        temp.pmtu = sp->tcp.pmtu;
      }
    } else {
      if (!irp) {
        temp.interval_packet_count = sp->packet_count;
        temp.interval_outoforder_packets = sp->outoforder_packets;
        temp.interval_cnt_error = sp->cnt_error;
      } else {
        temp.interval_packet_count = sp->packet_count - irp->packet_count;
        temp.interval_outoforder_packets = sp->outoforder_packets - irp->outoforder_packets;
        temp.interval_cnt_error = sp->cnt_error - irp->cnt_error;
      }
      temp.packet_count = sp->packet_count;
      temp.jitter = sp->jitter;
      temp.outoforder_packets = sp->outoforder_packets;
      temp.cnt_error = sp->cnt_error;
    }
    rp.intervals.push_back(temp);
    rp.bytes_sent_this_interval = rp.bytes_received_this_interval = 0;
  }
}

void PrintIntermediate(Test* t) {
  // a short last interval (under a tenth of the reporting interval) with no data is left out
  bool interval_ok = false;
  for (auto& sp : t->streams) {
    if (sp->result.intervals.empty()) continue;
    const IntervalResult& irp = sp->result.intervals.back();
    if (Secs(irp.end_us - irp.start_us) >= t->stats_interval * 0.10 || irp.bytes_transferred > 0) interval_ok = true;
  }
  if (!interval_ok) return;
  Json* json_interval = nullptr;
  Json* json_streams = nullptr;
  if (t->json) {
    t->json_intervals.push_back(Json{{"streams", Json::array()}});
    json_interval = &t->json_intervals.back();
    json_streams = &(*json_interval)["streams"];
  }
  const bool must_be_sender = t->sender();
  uint64_t bytes = 0;
  int retransmits = 0, total_packets = 0, lost_packets = 0;
  double avg_jitter = 0;
  for (auto& sp : t->streams) {
    if (sp->sender != must_be_sender) continue;
    PrintIntervalResults(t, sp.get(), json_streams);
    if (sp->result.intervals.empty()) return;
    const IntervalResult& irp = sp->result.intervals.back();
    bytes += irp.bytes_transferred;
    if (!t->udp) {
      if (t->sender_has_retransmits == 1) retransmits += static_cast<int>(irp.interval_retrans);
    } else {
      total_packets += irp.interval_packet_count;
      lost_packets += irp.interval_cnt_error;
      avg_jitter += irp.jitter;
    }
  }
  if (!(t->num_streams > 1 || t->json) || t->streams.empty()) return;
  Stream* sp = t->streams.front().get();
  const IntervalResult& irp = sp->result.intervals.back();
  std::string ubuf = UnitSnprintf(static_cast<double>(bytes), 'A');
  double bandwidth = static_cast<double>(bytes) / static_cast<double>(irp.duration);
  std::string nbuf = UnitSnprintf(bandwidth, t->unit_format);
  double st = Secs(irp.start_us - sp->result.start_time_us), et = Secs(irp.end_us - sp->result.start_time_us);
  const double dur = static_cast<double>(irp.duration);
  const Json span = t->json ? Span(st, et, dur, bytes, bandwidth * 8) : Json();
  if (!t->udp) {
    if (t->sender_has_retransmits == 1 && must_be_sender) {
      if (t->json)
        (*json_interval)["sum"] =
            Extend(span, Json{{"retransmits", retransmits}, {"omitted", irp.omitted}, {"sender", must_be_sender}});
      else
        Printf(t, Fmt(kSumBwRetransFormat, "", st, et, ubuf.c_str(), nbuf.c_str(), retransmits,
                      irp.omitted ? kOmitted : ""));
    } else if (t->json) {
      (*json_interval)["sum"] = Extend(span, Json{{"omitted", t->omitting}, {"sender", must_be_sender}});
    } else {
      Printf(t, Fmt(kSumBwFormat, "", st, et, ubuf.c_str(), nbuf.c_str(), t->omitting ? kOmitted : ""));
    }
  } else if (must_be_sender) {
    if (t->json)
      (*json_interval)["sum"] =
          Extend(span, Json{{"packets", total_packets}, {"omitted", t->omitting}, {"sender", must_be_sender}});
    else
      Printf(t, Fmt(kSumBwUdpSenderFormat, "", st, et, ubuf.c_str(), nbuf.c_str(), "", total_packets,
                    t->omitting ? kOmitted : ""));
  } else {
    avg_jitter /= t->num_streams;
    double lost_percent = total_packets > 0 ? 100.0 * lost_packets / total_packets : 0.0;
    if (t->json)
      (*json_interval)["sum"] = Extend(span, Json{{"jitter_ms", avg_jitter * 1000.0},
                                                  {"lost_packets", lost_packets},
                                                  {"packets", total_packets},
                                                  {"lost_percent", lost_percent},
                                                  {"omitted", t->omitting},
                                                  {"sender", must_be_sender}});
    else
      Printf(t, Fmt(kSumBwUdpFormat, "", st, et, ubuf.c_str(), nbuf.c_str(), avg_jitter * 1000.0, lost_packets,
                    total_packets, lost_percent, t->omitting ? kOmitted : ""));
  }
}

void PrintResults(Test* t) {
  Json* json_summary_streams = nullptr;
  if (t->json) {
    t->json_end["streams"] = Json::array();
    json_summary_streams = &t->json_end["streams"];
  } else {
    Printf(t, kSeparator);
    if (t->verbose) Printf(t, "Test Complete. Summary Results:\n");
    if (!t->udp) Printf(t, t->sender_has_retransmits || t->other_side_has_retransmits ? kBwRetransHeader : kBwHeader);
    else Printf(t, kBwUdpHeader);
  }
  const bool must_be_sender = t->sender();
  const bool server = t->role == 's';
  int total_retransmits = 0, total_packets = 0, lost_packets = 0;
  int sender_total_packets = 0, receiver_total_packets = 0;
  uint64_t total_sent = 0, total_received = 0;
  double start_time = 0, end_time = 0, avg_jitter = 0, lost_percent = 0, sender_time = 0, receiver_time = 0;
  if (!t->streams.empty()) {
    Stream* first = t->streams.front().get();
    end_time = Secs(first->result.end_time_us - first->result.start_time_us);
    if (first->sender) {
      first->result.sender_time = end_time;
      if (first->result.receiver_time == 0.0) first->result.receiver_time = first->result.sender_time;
    } else {
      first->result.receiver_time = end_time;
      if (first->result.sender_time == 0.0) first->result.sender_time = first->result.receiver_time;
    }
    sender_time = first->result.sender_time;
    receiver_time = first->result.receiver_time;
    for (auto& s : t->streams) {
      Stream* sp = s.get();
      if (sp->sender != must_be_sender) continue;
      Json* jss = nullptr;
      if (t->json) {
        json_summary_streams->push_back(Json::object());
        jss = &json_summary_streams->back();
      }
      uint64_t bytes_sent = sp->result.bytes_sent, bytes_received = sp->result.bytes_received;
      total_sent += bytes_sent;
      total_received += bytes_received;
      int sender_packet_count = sp->sender ? sp->packet_count : sp->peer_packet_count;
      int receiver_packet_count = sp->sender ? sp->peer_packet_count : sp->packet_count;
      if (!t->udp) {
        if (t->sender_has_retransmits) total_retransmits += static_cast<int>(sp->result.stream_retrans);
      } else {
        int packet_count = sender_packet_count ? sender_packet_count : receiver_packet_count;
        total_packets += packet_count - sp->omitted_packet_count;
        sender_total_packets += sender_packet_count - sp->omitted_packet_count;
        receiver_total_packets += receiver_packet_count - sp->omitted_packet_count;
        lost_packets += sp->cnt_error - sp->omitted_cnt_error;
        avg_jitter += sp->jitter;
      }
      std::string ubuf = UnitSnprintf(static_cast<double>(bytes_sent), 'A');
      double bandwidth = sender_time > 0.0 ? static_cast<double>(bytes_sent) / sender_time : 0.0;
      std::string nbuf = UnitSnprintf(bandwidth, t->unit_format);
      if (!t->udp) {
        if (t->sender_has_retransmits) {
          const StreamResult& r = sp->result;
          if (t->json)
            (*jss)["sender"] =
                Extend(StreamSpan(sp->socket, start_time, sender_time, sender_time, bytes_sent, bandwidth * 8),
                       Json{{"retransmits", r.stream_retrans},
                            {"max_snd_cwnd", r.stream_max_snd_cwnd},
                            {"max_snd_wnd", r.stream_max_snd_wnd},
                            {"max_rtt", r.stream_max_rtt},
                            {"min_rtt", r.stream_min_rtt},
                            {"mean_rtt", r.stream_count_rtt == 0 ? 0 : r.stream_sum_rtt / r.stream_count_rtt},
                            {"sender", must_be_sender}});
          else if (server && !sp->sender) {
            if (t->verbose) Printf(t, Fmt("[%3d] (sender statistics not available)\n", sp->socket));
          } else {
            Printf(t, Fmt(kBwRetransFormat, sp->socket, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(),
                          static_cast<unsigned>(r.stream_retrans), "sender"));
          }
        } else if (t->json) {
          (*jss)["sender"] =
              Extend(StreamSpan(sp->socket, start_time, sender_time, sender_time, bytes_sent, bandwidth * 8),
                     Json{{"sender", must_be_sender}});
        } else if (server && !sp->sender) {
          if (t->verbose) Printf(t, Fmt("[%3d] (sender statistics not available)\n", sp->socket));
        } else {
          Printf(t, Fmt(kBwFormat, sp->socket, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(), "sender"));
        }
      } else {
        int sent = sender_packet_count - sp->omitted_packet_count;
        lost_percent = sent > 0 ? 100.0 * (sp->cnt_error - sp->omitted_cnt_error) / sent : 0.0;
        if (t->json) {
          int packet_count = sender_packet_count ? sender_packet_count : receiver_packet_count;
          (*jss)["udp"] =
              Extend(StreamSpan(sp->socket, start_time, sender_time, sender_time, bytes_sent, bandwidth * 8),
                     Json{{"jitter_ms", sp->jitter * 1000.0},
                          {"lost_packets", sp->cnt_error - sp->omitted_cnt_error},
                          {"packets", packet_count - sp->omitted_packet_count},
                          {"lost_percent", lost_percent},
                          {"out_of_order", sp->outoforder_packets - sp->omitted_outoforder_packets},
                          {"sender", must_be_sender}});
        } else {
          if (server && !sp->sender) {
            if (t->verbose) Printf(t, Fmt("[%3d] (sender statistics not available)\n", sp->socket));
          } else {
            Printf(t, Fmt(kBwUdpFormat, sp->socket, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(), 0.0, 0,
                          sent, 0.0, "sender"));
          }
          if (sp->outoforder_packets - sp->omitted_outoforder_packets > 0)
            Printf(t, Fmt(kSumOutoforder, "", start_time, sender_time,
                          sp->outoforder_packets - sp->omitted_outoforder_packets));
        }
      }
      ubuf = UnitSnprintf(static_cast<double>(bytes_received), 'A');
      bandwidth = receiver_time > 0 ? static_cast<double>(bytes_received) / receiver_time : 0.0;
      nbuf = UnitSnprintf(bandwidth, t->unit_format);
      if (!t->udp) {
        if (t->json)
          (*jss)["receiver"] =
              Extend(StreamSpan(sp->socket, start_time, receiver_time, end_time, bytes_received, bandwidth * 8),
                     Json{{"sender", must_be_sender}});
        else if (server && sp->sender) {
          if (t->verbose) Printf(t, Fmt("[%3d] (receiver statistics not available)\n", sp->socket));
        } else {
          Printf(t, Fmt(kBwFormat, sp->socket, "", start_time, receiver_time, ubuf.c_str(), nbuf.c_str(), "receiver"));
        }
      } else if (!t->json) {
        int rcvd = receiver_packet_count - sp->omitted_packet_count;
        lost_percent = rcvd > 0 ? 100.0 * (sp->cnt_error - sp->omitted_cnt_error) / rcvd : 0.0;
        if (server && sp->sender) {
          if (t->verbose) Printf(t, Fmt("[%3d] (receiver statistics not available)\n", sp->socket));
        } else {
          Printf(t, Fmt(kBwUdpFormat, sp->socket, "", start_time, receiver_time, ubuf.c_str(), nbuf.c_str(),
                        sp->jitter * 1000.0, sp->cnt_error - sp->omitted_cnt_error, rcvd, lost_percent, "receiver"));
        }
      }
    }
  }
  if (t->num_streams > 1 || t->json) {
    std::string ubuf = UnitSnprintf(static_cast<double>(total_sent), 'A');
    double bandwidth = sender_time > 0.0 ? static_cast<double>(total_sent) / sender_time : 0.0;
    std::string nbuf = UnitSnprintf(bandwidth, t->unit_format);
    if (!t->udp) {
      if (t->sender_has_retransmits) {
        if (t->json)
          t->json_end["sum_sent"] = Extend(Span(start_time, sender_time, sender_time, total_sent, bandwidth * 8),
                                           Json{{"retransmits", total_retransmits}, {"sender", must_be_sender}});
        else if (server && !must_be_sender) {
          if (t->verbose) Printf(t, "[SUM] (sender statistics not available)\n");
        } else {
          Printf(t, Fmt(kSumBwRetransFormat, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(), total_retransmits,
                        "sender"));
        }
      } else if (t->json) {
        t->json_end["sum_sent"] = Extend(Span(start_time, sender_time, sender_time, total_sent, bandwidth * 8),
                                         Json{{"sender", must_be_sender}});
      } else if (server && !must_be_sender) {
        if (t->verbose) Printf(t, "[SUM] (sender statistics not available)\n");
      } else {
        Printf(t, Fmt(kSumBwFormat, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(), "sender"));
      }
      ubuf = UnitSnprintf(static_cast<double>(total_received), 'A');
      bandwidth = receiver_time > 0.0 ? static_cast<double>(total_received) / receiver_time : 0.0;
      nbuf = UnitSnprintf(bandwidth, t->unit_format);
      if (t->json)
        t->json_end["sum_received"] =
            Extend(Span(start_time, receiver_time, receiver_time, total_received, bandwidth * 8),
                   Json{{"sender", must_be_sender}});
      else if (server && must_be_sender) {
        if (t->verbose) Printf(t, "[SUM] (receiver statistics not available)\n");
      } else {
        Printf(t, Fmt(kSumBwFormat, "", start_time, receiver_time, ubuf.c_str(), nbuf.c_str(), "receiver"));
      }
    } else {
      avg_jitter /= t->num_streams;
      lost_percent = total_packets > 0 ? 100.0 * lost_packets / total_packets : 0.0;
      if (t->json) {
        t->json_end["sum"] = Extend(Span(start_time, receiver_time, receiver_time, total_sent, bandwidth * 8),
                                    Json{{"jitter_ms", avg_jitter * 1000.0},
                                         {"lost_packets", lost_packets},
                                         {"packets", total_packets},
                                         {"lost_percent", lost_percent},
                                         {"sender", must_be_sender}});
        t->json_end["sum_sent"] = Extend(
            Span(start_time, sender_time, sender_time, total_sent, static_cast<double>(total_sent) * 8 / sender_time),
            Json{{"jitter_ms", 0.0},
                 {"lost_packets", 0},
                 {"packets", sender_total_packets},
                 {"lost_percent", 0.0},
                 {"sender", true}});
        t->json_end["sum_received"] = Extend(Span(start_time, receiver_time, receiver_time, total_received,
                                                  static_cast<double>(total_received) * 8 / receiver_time),
                                             Json{{"jitter_ms", avg_jitter * 1000.0},
                                                  {"lost_packets", lost_packets},
                                                  {"packets", receiver_total_packets},
                                                  {"lost_percent", lost_percent},
                                                  {"sender", false}});
      } else {
        if (!(server && !must_be_sender)) {
          Printf(t, Fmt(kSumBwUdpFormat, "", start_time, sender_time, ubuf.c_str(), nbuf.c_str(), 0.0, 0,
                        sender_total_packets, 0.0, "sender"));
        }
        if (!(server && must_be_sender)) {
          ubuf = UnitSnprintf(static_cast<double>(total_received), 'A');
          bandwidth = end_time > 0.0 ? static_cast<double>(total_received) / receiver_time : 0.0;
          nbuf = UnitSnprintf(bandwidth, t->unit_format);
          Printf(t, Fmt(kSumBwUdpFormat, "", start_time, receiver_time, ubuf.c_str(), nbuf.c_str(), avg_jitter * 1000.0,
                        lost_packets, receiver_total_packets, lost_percent, "receiver"));
        }
      }
    }
  }
  if (t->json) {
    t->json_end["cpu_utilization_percent"] =
        Json{{"host_total", t->cpu_util[0]},        {"host_user", t->cpu_util[1]},
             {"host_system", t->cpu_util[2]},       {"remote_total", t->remote_cpu_util[0]},
             {"remote_user", t->remote_cpu_util[1]}, {"remote_system", t->remote_cpu_util[2]}};
    if (!t->udp) {
      t->json_end["sender_tcp_congestion"] = "cubic";
      t->json_end["receiver_tcp_congestion"] = "cubic";
    }
  } else if (t->verbose) {
    if (must_be_sender)
      Printf(t, Fmt("CPU Utilization: %s/%s %.1f%% (%.1f%%u/%.1f%%s), %s/%s %.1f%% (%.1f%%u/%.1f%%s)\n", "local",
                    "sender", t->cpu_util[0], t->cpu_util[1], t->cpu_util[2], "remote", "receiver",
                    t->remote_cpu_util[0], t->remote_cpu_util[1], t->remote_cpu_util[2]));
    if (!t->udp) Printf(t, "snd_tcp_congestion cubic\nrcv_tcp_congestion cubic\n");
  }
}

void JsonStart(Test* t) {
  t->json_start = Json{{"connected", Json::array()}};
  t->json_connected = Json::array();
  t->json_intervals = Json::array();
  t->json_end = Json::object();
  t->json_top = Json::object();
}

std::string JsonFinish(Test* t) {
  Json top = Json::object();
  Json start = t->json_start;
  start["connected"] = t->json_connected;
  top["start"] = start;
  top["intervals"] = t->json_intervals;
  top["end"] = t->json_end;
  for (const auto& kv : t->json_top.items()) top[kv.key()] = kv.value();
  return CjsonPrint(top) + "\n";
}

}  // namespace iperf3
}  // namespace linuxnet
