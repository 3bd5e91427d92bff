#include "planner/estimate/estimator.hpp"
