#include "planner/schedule/scheduler.hpp"
