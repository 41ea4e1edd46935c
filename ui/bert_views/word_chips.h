#pragma once
// WordChips: a sentence as a row of word buttons; a hidden word (a blank for BERT to fill) is drawn as a dark chip.
// Clicking a chip asks to hide or show that word (wordClicked); the owner changes the request and calls setWords.
#include <QWidget>

#include <string>
#include <vector>

class FlowLayout;
class QToolButton;

class WordChips : public QWidget {
    Q_OBJECT
public:
    explicit WordChips(QWidget* parent = nullptr);

    void setWords(const std::vector<std::string>& words, const std::vector<bool>& masked);
    int count() const { return static_cast<int>(chips_.size()); }
    QToolButton* chip(int index) const;  // object names "chip0", "chip1", …

Q_SIGNALS:
    void wordClicked(int index);

private:
    FlowLayout* layout_;  // wraps long sentences onto more lines
    std::vector<QToolButton*> chips_;
};
