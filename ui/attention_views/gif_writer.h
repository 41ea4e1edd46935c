#pragma once
// Writes frames as one looping animated GIF with giflib (Debian's libgif-dev). Each frame is
// quantised to its own 256-colour palette by Qt (QImage::Format_Indexed8), so plots keep their colours.
#include <QImage>
#include <QString>

#include <vector>

namespace gif_writer {

// All frames must have the same size. Returns false and sets *error when the file cannot be written.
bool write(const QString& path, const std::vector<QImage>& frames, int delayMs, QString* error);

}  // namespace gif_writer
