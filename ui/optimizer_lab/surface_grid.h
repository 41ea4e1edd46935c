#pragma once
// SurfaceGrid: what the contour plot of f(x1, x2) needs, computed on a worker thread: f sampled on a
// square grid and mapped to log(1 + f − min f) (equal colour and contour steps per order of magnitude
// above the minimum, so a narrow valley and the far slopes both show), with its contour lines.
#include <array>
#include <memory>
#include <vector>

#include "contour_lines.h"
#include "engine/optim/function_expression.h"

struct SurfaceGrid {
    ContourGrid grid;      // the transformed values; NaN where f is not finite
    double highest = 0.0;  // the largest transformed value (the lowest is 0), NaN if none is finite
    std::vector<ContourLine> contours;
};

// Samples `function` (thread-safe to evaluate) on size × size points over the ranges.
SurfaceGrid computeSurface(std::shared_ptr<const dl::FunctionExpression> function, std::array<double, 2> x1Range,
                           std::array<double, 2> x2Range, int size, int contourLevels);
