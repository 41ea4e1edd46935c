#pragma once
// Contour lines of a sampled function by marching squares: for each level, the segments where the
// function crosses it, cell by cell, as one polyline per level with NaN breaks between segments
// (QCustomPlot draws NaN as a gap).
#include <QVector>

#include <vector>

struct ContourGrid {
    int columns = 0;  // samples along x1
    int rows = 0;     // samples along x2
    double x1Lower = 0, x1Upper = 1, x2Lower = 0, x2Upper = 1;
    std::vector<double> values;  // row-major: values[row * columns + column], row along x2
    double at(int column, int row) const { return values[static_cast<size_t>(row) * columns + column]; }
    double x1(int column) const { return x1Lower + (x1Upper - x1Lower) * column / (columns - 1); }
    double x2(int row) const { return x2Lower + (x2Upper - x2Lower) * row / (rows - 1); }
};

struct ContourLine {
    double level = 0.0;
    QVector<double> x1, x2;  // segment after segment, each followed by a NaN point
};

// Lines at the given levels; cells with a NaN or infinite corner are skipped.
std::vector<ContourLine> contourLines(const ContourGrid& grid, const std::vector<double>& levels);
