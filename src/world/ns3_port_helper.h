// ns-3's way of putting a linuxnet machine on an ns-3 channel next to ns-3's own nodes: an e1000
// whose PHY is a CsmaNetDevice on a CsmaChannel, or a PointToPointNetDevice facing an ns-3 Node
// (World::AddNs3Port, drivers/net/ns3_port.h).
//   ns3::Ptr<ns3::CsmaChannel> lan = ...;           // with ns-3 nodes installed on it by CsmaHelper
//   linuxnet::Ns3PortHelper port;
//   port.Install(world, world.default_host(), "eth0", lan);
//   ns3::PointToPointHelper p2p;                    // DataRate, Delay as usual
//   ns3::NetDeviceContainer d = port.Install(world, host, "eth1", peer_node, p2p);  // d.Get(1): the peer's
#pragma once
#include <string>

#include "ns3/csma-channel.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/point-to-point-helper.h"

namespace linuxnet {

class Host;
class World;

class Ns3PortHelper {
 public:
  // an e1000 `dev` on `host` whose PHY is a new CsmaNetDevice (on a Node of its own) on `channel`;
  // that device, or nullptr and *error
  ns3::Ptr<ns3::NetDevice> Install(World& world, Host* host, const std::string& dev, ns3::Ptr<ns3::CsmaChannel> channel,
                                   std::string* error = nullptr) const;
  // `p2p` joins a Node of its own, the PHY of an e1000 `dev` on `host`, and `peer`: the two
  // PointToPointNetDevices (the e1000's PHY, the peer's), or an empty container and *error
  ns3::NetDeviceContainer Install(World& world, Host* host, const std::string& dev, ns3::Ptr<ns3::Node> peer,
                                  ns3::PointToPointHelper& p2p, std::string* error = nullptr) const;
};

}  // namespace linuxnet
