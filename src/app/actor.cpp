#include "app/actor.hpp"

namespace minqing::app {

Actor SystemActor(domain::Epoch now, domain::Channel channel) {
  Actor actor;
  actor.user.id = 0;
  actor.user.username = "system";
  actor.user.display_name = "系统";
  actor.user.role = domain::Role::kAdmin;
  actor.channel = channel;
  actor.now = now;
  return actor;
}

Actor PublicActor(domain::Epoch now) {
  Actor actor;
  actor.user.id = 0;
  actor.user.username = "public";
  actor.user.display_name = "群众";
  actor.user.role = domain::Role::kResident;
  actor.channel = domain::Channel::kWeb;
  actor.now = now;
  return actor;
}

}  // namespace minqing::app
