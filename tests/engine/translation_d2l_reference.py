#!/usr/bin/python3
"""Prints the numbers test_translation_data.cpp compares with (run once with /usr/bin/python3 FRA_TXT; the numbers are
pasted into the test). D2L zh-v2 §9.5's preprocess_nmt, tokenize_nmt, Vocab (min_freq 2, <pad> <bos> <eos>) and
build_array_nmt, with their logic copied from d2l-zh and plain lists instead of torch tensors."""
import collections, sys

def preprocess_nmt(text):
    def no_space(char, prev_char):
        return char in set(',.!?') and prev_char != ' '
    text = text.replace('\u202f', ' ').replace('\xa0', ' ').lower()
    out = [' ' + char if i > 0 and no_space(char, text[i - 1]) else char for i, char in enumerate(text)]
    return ''.join(out)

def tokenize_nmt(text, num_examples=None):
    source, target = [], []
    for i, line in enumerate(text.split('\n')):
        if num_examples and i > num_examples:
            break
        parts = line.split('\t')
        if len(parts) == 2:
            source.append(parts[0].split(' '))
            target.append(parts[1].split(' '))
    return source, target

class Vocab:
    def __init__(self, tokens, min_freq=0, reserved_tokens=None):
        counter = collections.Counter([t for line in tokens for t in line])
        freqs = sorted(counter.items(), key=lambda x: x[1], reverse=True)
        self.idx_to_token = ['<unk>'] + reserved_tokens
        self.token_to_idx = {t: i for i, t in enumerate(self.idx_to_token)}
        for token, freq in freqs:
            if freq < min_freq: break
            if token not in self.token_to_idx:
                self.idx_to_token.append(token); self.token_to_idx[token] = len(self.idx_to_token) - 1
    def __getitem__(self, t): return self.token_to_idx.get(t, 0)

def truncate_pad(line, n, p):
    return line[:n] if len(line) > n else line + [p] * (n - len(line))

def build_array(lines, vocab, n):
    arr = [truncate_pad([vocab[t] for t in l] + [vocab['<eos>']], n, vocab['<pad>']) for l in lines]
    return arr, [sum(1 for x in r if x != vocab['<pad>']) for r in arr]

path = sys.argv[1]
with open(path, 'r', encoding='utf-8') as f:
    raw = f.read()
text = preprocess_nmt(raw)
print(repr(text[:75]))
for n in (600, None):
    src, tgt = tokenize_nmt(text, n)
    sv = Vocab(src, 2, ['<pad>', '<bos>', '<eos>']); tv = Vocab(tgt, 2, ['<pad>', '<bos>', '<eos>'])
    print('num_examples', n, 'pairs', len(src), 'src vocab', len(sv.idx_to_token), 'tgt vocab', len(tv.idx_to_token))
    if n == 600:
        print('src[:6]', src[:6]); print('tgt[:6]', tgt[:6])
        empties = sum(1 for l in src + tgt for t in l if t == '')
        print('empty tokens', empties)
        sa, sl = build_array(src, sv, 8); ta, tl = build_array(tgt, tv, 8)
        print('X[0]', sa[0], sl[0], 'Y[0]', ta[0], tl[0])
        print('first src tokens', sv.idx_to_token[:20])
        print('first tgt tokens', tv.idx_to_token[:20])
        for i in (0, 1, 2, 100, 599, 600):
            print(i, src[i], tgt[i])
        import collections as c
        print('src len hist', sorted(c.Counter(len(l) for l in src).items()))
        print('tgt len hist', sorted(c.Counter(len(l) for l in tgt).items()))
        for e, f in (("go .", "va !"), ("i lost .", "j'ai perdu ."), ("he's calm .", "il est calme ."), ("i'm home .", "je suis chez moi .")):
            print(e, [w for w in e.split(' ') if w not in sv.token_to_idx], f, [w for w in f.split(' ') if w not in tv.token_to_idx])
        sa, sl = build_array(src, sv, 10)
        print('max src valid len at 10', max(sl), 'truncated', sum(1 for l in src if len(l)+1 > 10))
