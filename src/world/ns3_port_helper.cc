#include "world/ns3_port_helper.h"

#include "ns3/csma-helper.h"
#include "world/world.h"

namespace linuxnet {

ns3::Ptr<ns3::NetDevice> Ns3PortHelper::Install(World& world, Host* host, const std::string& dev,
                                                ns3::Ptr<ns3::CsmaChannel> channel, std::string* error) const {
  std::string err;
  ns3::Ptr<ns3::Node> node = ns3::CreateObject<ns3::Node>();
  ns3::CsmaHelper csma;
  ns3::Ptr<ns3::NetDevice> d = csma.Install(node, channel).Get(0);
  if (!world.AddNs3Port(host, dev, d, &err)) d = nullptr;
  if (error) *error = err;
  return d;
}

ns3::NetDeviceContainer Ns3PortHelper::Install(World& world, Host* host, const std::string& dev, ns3::Ptr<ns3::Node> peer,
                                               ns3::PointToPointHelper& p2p, std::string* error) const {
  std::string err;
  ns3::Ptr<ns3::Node> node = ns3::CreateObject<ns3::Node>();
  ns3::NetDeviceContainer d = p2p.Install(node, peer);
  if (!world.AddNs3Port(host, dev, d.Get(0), &err)) d = ns3::NetDeviceContainer();
  if (error) *error = err;
  return d;
}

}  // namespace linuxnet
