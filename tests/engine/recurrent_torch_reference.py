#!/usr/bin/python3
"""Prints the PyTorch values test_recurrent.cpp's matchesPyTorch compares with (run once; the numbers are
pasted into the test). Two-layer bidirectional RNN, GRU and LSTM, B=2, T=3, I=3, H=2; parameter k (PyTorch's
order) element i = 0.3 sin(1.3k + 0.7i); x[i] = sin(0.5i + 0.1); L = sum(y * cos(0.3i)). Prints y, then per
parameter sum(grad * cos(0.11i)), then the same for x."""
import math, torch
from torch import nn

B, T, I, H = 2, 3, 3, 2
for name, cell in (('RNN', nn.RNN), ('GRU', nn.GRU), ('LSTM', nn.LSTM)):
    m = cell(I, H, num_layers=2, bidirectional=True, batch_first=True)
    with torch.no_grad():
        for k, p in enumerate(m.parameters()):
            flat = torch.tensor([0.3 * math.sin(1.3 * k + 0.7 * i) for i in range(p.numel())])
            p.copy_(flat.reshape(p.shape))
    x = torch.tensor([math.sin(0.5 * i + 0.1) for i in range(B * T * I)]).reshape(B, T, I).requires_grad_()
    y, _ = m(x)
    w = torch.tensor([math.cos(0.3 * i) for i in range(y.numel())]).reshape(y.shape)
    (y * w).sum().backward()
    check = lambda g: float((g.flatten() * torch.tensor([math.cos(0.11 * i) for i in range(g.numel())])).sum())
    print(name)
    print('y', ', '.join(f'{v:.7g}f' for v in y.flatten().tolist()))
    print('grads', ', '.join(f'{check(p.grad):.7g}' for p in m.parameters()) + f', {check(x.grad):.7g}')
