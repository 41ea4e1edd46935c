#include "surface_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>

SurfaceGrid computeSurface(std::shared_ptr<const dl::FunctionExpression> function, std::array<double, 2> x1Range,
                           std::array<double, 2> x2Range, int size, int contourLevels) {
    SurfaceGrid surface;
    ContourGrid& grid = surface.grid;
    grid.columns = grid.rows = size;
    grid.x1Lower = x1Range[0];
    grid.x1Upper = x1Range[1];
    grid.x2Lower = x2Range[0];
    grid.x2Upper = x2Range[1];
    grid.values.resize(size_t(size) * size);
    double lowest = std::numeric_limits<double>::infinity();
    for (int row = 0; row < size; ++row)
        for (int column = 0; column < size; ++column) {
            const double f = function->value(grid.x1(column), grid.x2(row));
            grid.values[size_t(row) * size + column] = f;
            if (std::isfinite(f)) lowest = std::min(lowest, f);
        }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double highest = -std::numeric_limits<double>::infinity();
    for (double& v : grid.values) {
        v = std::isfinite(v) ? std::log1p(v - lowest) : nan;
        if (std::isfinite(v)) highest = std::max(highest, v);
    }
    surface.highest = std::isfinite(highest) ? highest : nan;
    if (!std::isfinite(highest)) return surface;
    std::vector<double> levels;
    for (int i = 1; i <= contourLevels; ++i) levels.push_back(highest * i / (contourLevels + 1));
    surface.contours = contourLines(grid, levels);
    return surface;
}
