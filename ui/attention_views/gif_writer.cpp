#include "ui/attention_views/gif_writer.h"

#include <gif_lib.h>

#include <QFile>
#include <QObject>

#include <algorithm>
#include <array>

namespace gif_writer {

namespace {

QString gifError(int code) {
    const char* text = GifErrorString(code);
    return text ? QString::fromUtf8(text) : QStringLiteral("giflib error %1").arg(code);
}

// GIF89's NETSCAPE2.0 extension: loop forever.
bool putLoop(GifFileType* gif) {
    static const char kApp[] = "NETSCAPE2.0";
    const GifByteType loop[3] = {1, 0, 0};
    return EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
           EGifPutExtensionBlock(gif, 11, kApp) == GIF_OK && EGifPutExtensionBlock(gif, 3, loop) == GIF_OK &&
           EGifPutExtensionTrailer(gif) == GIF_OK;
}

bool putFrame(GifFileType* gif, const QImage& frame, int delayMs) {
    const QImage indexed = frame.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither | Qt::AvoidDither);
    std::array<GifColorType, 256> colors{};  // a GIF palette has a power-of-two size: padded with black
    const QList<QRgb> table = indexed.colorTable();
    for (qsizetype i = 0; i < std::min<qsizetype>(table.size(), 256); ++i)
        colors[static_cast<size_t>(i)] = {static_cast<GifByteType>(qRed(table[i])),
                                          static_cast<GifByteType>(qGreen(table[i])),
                                          static_cast<GifByteType>(qBlue(table[i]))};
    GraphicsControlBlock control{DISPOSAL_UNSPECIFIED, false, std::max(1, delayMs / 10), NO_TRANSPARENT_COLOR};
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&control, extension);
    if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) != GIF_OK) return false;
    ColorMapObject* map = GifMakeMapObject(256, colors.data());
    const bool described = EGifPutImageDesc(gif, 0, 0, indexed.width(), indexed.height(), false, map) == GIF_OK;
    GifFreeMapObject(map);
    if (!described) return false;
    for (int y = 0; y < indexed.height(); ++y)
        if (EGifPutLine(gif, const_cast<GifPixelType*>(indexed.constScanLine(y)), indexed.width()) != GIF_OK)
            return false;
    return true;
}

}  // namespace

bool write(const QString& path, const std::vector<QImage>& frames, int delayMs, QString* error) {
    if (frames.empty()) {
        *error = QObject::tr("There are no frames to write.");
        return false;
    }
    const QSize size = frames.front().size();
    int code = 0;
    GifFileType* gif = EGifOpenFileName(QFile::encodeName(path).constData(), false, &code);
    if (!gif) {
        *error = QObject::tr("Cannot write %1: %2").arg(path, gifError(code));
        return false;
    }
    EGifSetGifVersion(gif, true);
    bool ok = EGifPutScreenDesc(gif, size.width(), size.height(), 8, 0, nullptr) == GIF_OK && putLoop(gif);
    for (const QImage& frame : frames) {
        if (!ok) break;
        ok = frame.size() == size && putFrame(gif, frame, delayMs);
    }
    if (!ok) code = gif->Error;
    int closeCode = 0;
    if (EGifCloseFile(gif, &closeCode) != GIF_OK && ok) {
        ok = false;
        code = closeCode;
    }
    if (!ok) *error = QObject::tr("Cannot write %1: %2").arg(path, gifError(code));
    return ok;
}

}  // namespace gif_writer
