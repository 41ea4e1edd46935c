#include "contour_lines.h"

#include <cmath>
#include <limits>

namespace {

struct Corner {
    double x1, x2, value;
};

// Where the edge from a to b crosses `level`, by linear interpolation.
void crossing(const Corner& a, const Corner& b, double level, double& x1, double& x2) {
    const double t = (level - a.value) / (b.value - a.value);
    x1 = a.x1 + t * (b.x1 - a.x1);
    x2 = a.x2 + t * (b.x2 - a.x2);
}

void addSegment(ContourLine& line, double ax, double ay, double bx, double by) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    line.x1 << ax << bx << nan;
    line.x2 << ay << by << nan;
}

// One cell, corners counter-clockwise from the lower left. Saddle cells (two opposite corners above)
// are split by the cell's mean value.
void marchCell(const Corner (&c)[4], double level, ContourLine& line) {
    int mask = 0;
    for (int i = 0; i < 4; ++i)
        if (c[i].value > level) mask |= 1 << i;
    if (mask == 0 || mask == 15) return;
    double px[4], py[4];
    int count = 0;
    for (int edge = 0; edge < 4; ++edge) {
        const Corner& a = c[edge];
        const Corner& b = c[(edge + 1) % 4];
        if ((a.value > level) != (b.value > level)) {
            crossing(a, b, level, px[count], py[count]);
            ++count;
        }
    }
    if (count == 2) return addSegment(line, px[0], py[0], px[1], py[1]);
    // Four crossings: edges 0..3 in order; pair them so that the lines go around the higher corners
    // when the centre is high, around the lower ones when it is low.
    const double centre = (c[0].value + c[1].value + c[2].value + c[3].value) / 4.0;
    const bool firstHigh = c[0].value > level;
    if ((centre > level) == firstHigh) {
        addSegment(line, px[0], py[0], px[1], py[1]);
        addSegment(line, px[2], py[2], px[3], py[3]);
    } else {
        addSegment(line, px[0], py[0], px[3], py[3]);
        addSegment(line, px[1], py[1], px[2], py[2]);
    }
}

}  // namespace

std::vector<ContourLine> contourLines(const ContourGrid& grid, const std::vector<double>& levels) {
    std::vector<ContourLine> lines;
    for (double level : levels) {
        ContourLine line;
        line.level = level;
        for (int row = 0; row + 1 < grid.rows; ++row) {
            for (int column = 0; column + 1 < grid.columns; ++column) {
                const Corner c[4] = {{grid.x1(column), grid.x2(row), grid.at(column, row)},
                                     {grid.x1(column + 1), grid.x2(row), grid.at(column + 1, row)},
                                     {grid.x1(column + 1), grid.x2(row + 1), grid.at(column + 1, row + 1)},
                                     {grid.x1(column), grid.x2(row + 1), grid.at(column, row + 1)}};
                if (!std::isfinite(c[0].value) || !std::isfinite(c[1].value) || !std::isfinite(c[2].value) ||
                    !std::isfinite(c[3].value))
                    continue;
                marchCell(c, level, line);
            }
        }
        lines.push_back(std::move(line));
    }
    return lines;
}
