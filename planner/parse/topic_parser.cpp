#include "planner/parse/topic_parser.hpp"
