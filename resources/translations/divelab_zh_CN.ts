<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AblationTexts</name>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>With only 20 examples for 200 weights, λ = 0 fits the training set almost exactly but not the test set; λ = 3 keeps the weights small and the test loss far lower.</source>
        <translation>只有 20 个样本却有 200 个权重时，λ = 0 几乎完全拟合了训练集，却拟合不了测试集；λ = 3 使权重保持较小，测试损失也低得多。</translation>
    </message>
    <message>
        <source>λ = 0</source>
        <translation>λ = 0</translation>
    </message>
    <message>
        <source>λ = 3</source>
        <translation>λ = 3</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>暂退法</translation>
    </message>
    <message>
        <source>On a small training set the MLP without dropout drives its training loss far below its test loss (overfitting); with dropout the gap stays smaller and the test loss lower.</source>
        <translation>在小训练集上，不用暂退法的多层感知机把训练损失压到远低于测试损失（过拟合）；用了暂退法，两者的差距更小，测试损失也更低。</translation>
    </message>
    <message>
        <source>dropout p = 0.5</source>
        <translation>暂退法 p = 0.5</translation>
    </message>
    <message>
        <source>no dropout (p = 0)</source>
        <translation>不用暂退法（p = 0）</translation>
    </message>
    <message>
        <source>Sigmoid against ReLU</source>
        <translation>Sigmoid 对比 ReLU</translation>
    </message>
    <message>
        <source>In a deep sigmoid network the gradient shrinks layer by layer (σ&apos; ≤ 1/4), so the first layers hardly learn; with ReLU their gradients are orders of magnitude larger and the network trains.</source>
        <translation>在深层 sigmoid 网络中，梯度逐层缩小（σ&apos; ≤ 1/4），因此前几层几乎学不到东西；换成 ReLU 后，这些层的梯度要大几个数量级，网络得以训练。</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>批量规范化</translation>
    </message>
    <message>
        <source>With the same short budget and learning rate, LeNet with BatchNorm is well ahead; without it the sigmoid LeNet is still near chance.</source>
        <translation>在同样短的训练预算和相同学习率下，带批量规范化的 LeNet 遥遥领先；没有它，sigmoid LeNet 仍接近随机猜测。</translation>
    </message>
    <message>
        <source>with BatchNorm</source>
        <translation>使用批量规范化</translation>
    </message>
    <message>
        <source>without BatchNorm</source>
        <translation>不使用批量规范化</translation>
    </message>
    <message>
        <source>Residual connections</source>
        <translation>残差连接</translation>
    </message>
    <message>
        <source>A deep MLP of 8 blocks hardly trains without shortcuts; adding each block&apos;s input back (y = x + f(x)) lets the signal and the gradient through, so its loss falls much lower.</source>
        <translation>由 8 个块组成的深层多层感知机在没有捷径时几乎无法训练；把每个块的输入加回去（y = x + f(x)）能让信号和梯度通过，它的损失因此降得低得多。</translation>
    </message>
    <message>
        <source>with skip connections</source>
        <translation>使用跳跃连接</translation>
    </message>
    <message>
        <source>without skip connections</source>
        <translation>不使用跳跃连接</translation>
    </message>
</context>
<context>
    <name>AblationWindow</name>
    <message>
        <source>Ablation</source>
        <translation>消融实验</translation>
    </message>
    <message>
        <source>&amp;Run both</source>
        <translation>同时运行两者(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Ablation: %1</source>
        <translation>消融实验：%1</translation>
    </message>
    <message>
        <source>What to expect: %1</source>
        <translation>预期结果：%1</translation>
    </message>
    <message>
        <source>Same seed, same data; only the one change differs.</source>
        <translation>相同的随机种子、相同的数据；只有这一处改动不同。</translation>
    </message>
    <message>
        <source>Gradient norms per layer: %1</source>
        <translation>各层的梯度范数：%1</translation>
    </message>
    <message numerus="yes">
        <source>Variants: %1. Data: %2, %n epoch(s), seed %3.</source>
        <translation>
            <numerusform>变体：%1。数据：%2，%n 个轮次，随机种子 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Run again</source>
        <translation>再次运行(&amp;R)</translation>
    </message>
</context>
<context>
    <name>AnimationControls</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Steps per second</source>
        <translation>每秒步数</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
</context>
<context>
    <name>AttentionHeatmapView</name>
    <message>
        <source>Se&amp;ntence:</source>
        <translation>句子(&amp;N)：</translation>
    </message>
    <message>
        <source>Export &amp;PNGs…</source>
        <translation>导出 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;GIF…</source>
        <translation>导出 GIF(&amp;G)…</translation>
    </message>
    <message>
        <source>Each row is a query, each column a key; bright = much attention. Every row sums to 1.</source>
        <translation>每一行是一个查询，每一列是一个键；越亮表示注意力越大。每一行的和为 1。</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>one map</source>
        <translation>单张图</translation>
    </message>
    <message>
        <source>all layers × heads</source>
        <translation>全部层 × 头</translation>
    </message>
    <message>
        <source>One layer&apos;s head at a time, or the model view: every attention layer (rows) × head (columns).</source>
        <translation>一次显示一个层的一个头，或模型视图：每个注意力层（行）× 头（列）。</translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>The attention layer whose weights are drawn.</source>
        <translation>要绘制其权重的注意力层。</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>头(&amp;H)：</translation>
    </message>
    <message>
        <source>The attention head (multi-head attention, D2L §10.5); single-head layers have one.</source>
        <translation>注意力头（多头注意力，D2L §10.5）；单头的层只有一个头。</translation>
    </message>
    <message>
        <source>The sentence pair whose attention is drawn; all of them are recorded every epoch. The decoder reads the reference translation (teacher forcing, as in training), so the axes stay the same words.</source>
        <translation>要绘制其注意力的句子对；每个轮次都会记录全部句子对。解码器读取参考译文（强制教学，与训练时相同），因此坐标轴上的词保持不变。</translation>
    </message>
    <message>
        <source>&amp;Replay:</source>
        <translation>回放(&amp;R)：</translation>
    </message>
    <message>
        <source>Scrub through the epochs of the run; at the right end the view follows the training live.</source>
        <translation>拖动浏览本次运行的各个轮次；拖到最右端时视图实时跟随训练。</translation>
    </message>
    <message>
        <source>epoch 0000 (live)</source>
        <translation>轮次 0000（实时）</translation>
    </message>
    <message>
        <source>Writes one PNG per kept epoch into a folder.</source>
        <translation>把保留的每个轮次各写成一张 PNG，存入一个文件夹。</translation>
    </message>
    <message>
        <source>Writes the replay as one animated GIF.</source>
        <translation>把回放写成一个 GIF 动画。</translation>
    </message>
    <message>
        <source>The attention views show attention layers (e.g. NadarayaWatson): choose the nadaraya-watson preset from Presets › 11 Attention.</source>
        <translation>注意力视图显示注意力层（例如 NadarayaWatson）：请从“预设 › 11 注意力机制与 Transformer”中选择 nadaraya-watson 预设。</translation>
    </message>
    <message>
        <source>The attention views need a data set whose examples the network reads as they are (not a text corpus: its language models show their gates in the model views).</source>
        <translation>注意力视图需要网络按原样读取样本的数据集（而不是文本语料：语言模型的门控显示在模型视图中）。</translation>
    </message>
    <message>
        <source>Train the network to see where its queries attend.</source>
        <translation>训练网络后即可看到它的查询关注哪里。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (live)</source>
        <translation>%1（实时）</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1, head %2 of %3 — %4</source>
        <translation>%1，第 %2 个头（共 %3 个）— %4</translation>
    </message>
    <message>
        <source>Attention of every layer × head — %1 (click a map to open it)</source>
        <translation>每个层 × 头的注意力 — %1（点击一张图可打开它）</translation>
    </message>
    <message>
        <source>%1, head %2</source>
        <translation>%1，头 %2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export the replay as PNGs</source>
        <translation>将回放导出为 PNG</translation>
    </message>
    <message>
        <source>Export PNGs</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <source>Export the replay as a GIF</source>
        <translation>将回放导出为 GIF</translation>
    </message>
    <message>
        <source>GIF (*.gif)</source>
        <translation>GIF (*.gif)</translation>
    </message>
    <message>
        <source>Export GIF</source>
        <translation>导出 GIF</translation>
    </message>
</context>
<context>
    <name>AttentionRole</name>
    <message>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <source>decoder masked self-attention</source>
        <translation>解码器掩蔽自注意力</translation>
    </message>
    <message>
        <source>encoder–decoder attention</source>
        <translation>编码器–解码器注意力</translation>
    </message>
    <message>
        <source>French word written (query)</source>
        <translation>写出的法语词（查询）</translation>
    </message>
    <message>
        <source>English word (query)</source>
        <translation>英语词（查询）</translation>
    </message>
    <message>
        <source>French word read (key)</source>
        <translation>读取的法语词（键）</translation>
    </message>
    <message>
        <source>English word (key)</source>
        <translation>英语词（键）</translation>
    </message>
</context>
<context>
    <name>AttentionSnapshot</name>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>test query x</source>
        <translation>测试查询 x</translation>
    </message>
    <message>
        <source>training key x_i</source>
        <translation>训练键 x_i</translation>
    </message>
</context>
<context>
    <name>AttentionViews</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Query detail</source>
        <translation>查询详情</translation>
    </message>
    <message>
        <source>Positional encoding</source>
        <translation>位置编码</translation>
    </message>
</context>
<context>
    <name>AutogradGraphView</name>
    <message>
        <source>Autograd Graph</source>
        <translation>自动微分计算图</translation>
    </message>
    <message>
        <source>Statements separated by &apos;;&apos;. Every tensor they make needs a gradient.</source>
        <translation>用“;”分隔的语句。它们生成的每个张量都需要梯度。</translation>
    </message>
    <message>
        <source>&amp;Build graph</source>
        <translation>构建计算图(&amp;B)</translation>
    </message>
    <message>
        <source>Backward &amp;step (Space)</source>
        <translation>反向传播一步（Space）(&amp;S)</translation>
    </message>
    <message>
        <source>Run &amp;all</source>
        <translation>全部运行(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>Inputs:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Expression:</source>
        <translation>表达式：</translation>
    </message>
    <message>
        <source>Building the graph…</source>
        <translation>正在构建计算图…</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Expression</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>%1, character %2: %3</source>
        <translation>%1，第 %2 个字符：%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Press Backward step (or Space) to send the gradient back from %1, one node per click.</source>
        <translation>按“反向传播一步”（或 Space）把梯度从 %1 往回传，每点击一次传一个节点。</translation>
    </message>
    <message>
        <source>(.T of a vector is the vector itself, as in PyTorch, so it adds no node.)</source>
        <translation>（向量的 .T 就是向量本身，与 PyTorch 相同，所以不增加节点。）</translation>
    </message>
    <message>
        <source>%1 holds several values: the gradients shown are those of %1.sum().</source>
        <translation>%1 包含多个值：显示的梯度是 %1.sum() 的梯度。</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>Step 1 of %1: the backward pass starts at %2 with ∂%2/∂%2 = 1.</source>
        <translation>第 1 步，共 %1 步：反向传播从 %2 开始，∂%2/∂%2 = 1。</translation>
    </message>
    <message>
        <source>Step %1 of %2: every node that uses &quot;%3&quot; has passed its gradient back, so it now holds its whole gradient ∂%4/∂(%3).</source>
        <translation>第 %1 步，共 %2 步：所有使用“%3”的节点都已把梯度传回，所以它现在拥有完整的梯度 ∂%4/∂(%3)。</translation>
    </message>
    <message>
        <source>Done: every input has its gradient.</source>
        <translation>完成：每个输入都有了梯度。</translation>
    </message>
</context>
<context>
    <name>BatchNormView</name>
    <message>
        <source>&amp;BatchNorm layer:</source>
        <translation>批量规范化层(&amp;B)：</translation>
    </message>
    <message>
        <source>The BatchNorm layer whose γ and β are shown.</source>
        <translation>显示其 γ 和 β 的批量规范化层。</translation>
    </message>
    <message>
        <source>γ and β are shown for networks with BatchNorm layers (e.g. the lenet-bn preset).</source>
        <translation>带批量规范化层的网络（例如 lenet-bn 预设）会显示 γ 和 β。</translation>
    </message>
    <message>
        <source>Per channel: γ (scale) and β (shift) that BatchNorm applies after normalising.</source>
        <translation>每个通道：批量规范化在规范化之后施加的 γ（缩放）和 β（平移）。</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>γ (scale)</source>
        <translation>γ（缩放）</translation>
    </message>
    <message>
        <source>β (shift)</source>
        <translation>β（平移）</translation>
    </message>
    <message>
        <source>γ scales and β shifts each normalised channel (D2L §8.5): the layer outputs γ·x̂ + β, so γ = 1, β = 0 leave the channel normalised.</source>
        <translation>γ 缩放、β 平移每个规范化后的通道（D2L §8.5）：该层输出 γ·x̂ + β，因此 γ = 1、β = 0 时通道保持规范化。</translation>
    </message>
    <message>
        <source>
The values of %1 appear here once the network is built or training starts.</source>
        <translation>
网络构建完成或训练开始后，这里会显示 %1 的值。</translation>
    </message>
    <message>
        <source>
%1: %2 channels.</source>
        <translation>
%1：%2 个通道。</translation>
    </message>
</context>
<context>
    <name>BeamTreeView</name>
    <message>
        <source>Beam search: every column is one decoding step; the k hypotheses with the highest Σ log p are kept (boxes), the others dropped. Green: finished with &lt;eos&gt;, ranked by Σ log p / L^α. Orange: the translation chosen.</source>
        <translation>束搜索：每一列是一个解码步；保留 Σ log p 最高的 k 个假设（方框），其余的被丢弃。绿色：以 &lt;eos&gt; 结束，按 Σ log p / L^α 排名。橙色：选中的译文。</translation>
    </message>
    <message>
        <source>Greedy decoding keeps one hypothesis per step: choose a beam width to see the tree of hypotheses beam search keeps.</source>
        <translation>贪心解码每一步只保留一个假设：选择一个束宽即可看到束搜索保留的假设树。</translation>
    </message>
    <message>
        <source>Type an English sentence above and press Translate: beam search&apos;s hypotheses are drawn here as a tree.</source>
        <translation>在上方输入一个英语句子并按“翻译”：束搜索的假设会在这里画成一棵树。</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Finished: Σ log p %1 over %2 tokens, score %3 (Σ log p / L^α)</source>
        <translation>已结束：%2 个词元的 Σ log p 为 %1，得分 %3（Σ log p / L^α）</translation>
    </message>
    <message>
        <source>Σ log p of the %1 tokens so far: %2</source>
        <translation>目前 %1 个词元的 Σ log p：%2</translation>
    </message>
    <message>
        <source>log p 0</source>
        <translation>log p 0</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>得分 %1</translation>
    </message>
    <message>
        <source>Σ %1</source>
        <translation>Σ %1</translation>
    </message>
</context>
<context>
    <name>BertForm</name>
    <message>
        <source>Tokens per example, &lt;cls&gt; and &lt;sep&gt; included: longer pairs are cut, shorter ones padded with &lt;pad&gt; (D2L: 64 for pretraining, 128 for SNLI).</source>
        <translation>每个样本的词元数（含 &lt;cls&gt; 和 &lt;sep&gt;）：较长的句子对被截断，较短的用 &lt;pad&gt; 填充（D2L：预训练为 64，SNLI 为 128）。</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Keep only the first n training examples (all = every one); small runs are quick.</source>
        <translation>只保留前 n 个训练样本（全部 = 每一个）；小规模运行很快。</translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Keep only the first n test examples (all = every one).</source>
        <translation>只保留前 n 个测试样本（全部 = 每一个）。</translation>
    </message>
    <message>
        <source>Test examples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>BERT pretraining (D2L §14.8): sentence pairs from the text&apos;s paragraphs, half of them not neighbours (next sentence prediction), 15 % of the words masked (masked language model).</source>
        <translation>BERT 预训练（D2L §14.8）：取自文本段落的句子对，其中一半不是相邻句子（下一句预测），15 % 的词被遮蔽（掩蔽语言模型）。</translation>
    </message>
    <message>
        <source>BERT sentence pairs (D2L §15.6): “&lt;cls&gt; a &lt;sep&gt; b &lt;sep&gt;”, classified from the &lt;cls&gt; token.</source>
        <translation>BERT 句子对（D2L §15.6）：“&lt;cls&gt; a &lt;sep&gt; b &lt;sep&gt;”，由 &lt;cls&gt; 词元进行分类。</translation>
    </message>
</context>
<context>
    <name>BertViews</name>
    <message>
        <source>Fill in the blank</source>
        <translation>完形填空</translation>
    </message>
    <message>
        <source>Token embeddings</source>
        <translation>词元嵌入</translation>
    </message>
</context>
<context>
    <name>BlankGuessesView</name>
    <message>
        <source>Blank %1</source>
        <translation>空位 %1</translation>
    </message>
    <message>
        <source>Blank %1 (hidden: %2)</source>
        <translation>空位 %1（被遮住的：%2）</translation>
    </message>
</context>
<context>
    <name>BleuTableModel</name>
    <message>
        <source>(after the next epoch)</source>
        <translation>（下一个轮次之后）</translation>
    </message>
    <message>
        <source>Your pair (remove it with Remove)</source>
        <translation>你的句子对（用“移除”删除）</translation>
    </message>
    <message>
        <source>A test pair of the data set</source>
        <translation>数据集中的一个测试句子对</translation>
    </message>
    <message>
        <source>yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参考译文</translation>
    </message>
    <message>
        <source>Translation (greedy)</source>
        <translation>译文（贪心）</translation>
    </message>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
</context>
<context>
    <name>BleuTableView</name>
    <message>
        <source>&amp;Add pair</source>
        <translation>添加句子对(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>English, e.g. i&apos;m calm .</source>
        <translation>英语，例如 i&apos;m calm .</translation>
    </message>
    <message>
        <source>its French reference, e.g. je suis calme .</source>
        <translation>它的法语参考译文，例如 je suis calme .</translation>
    </message>
    <message>
        <source>Adds the pair to the table; it is translated and scored now and after every epoch.</source>
        <translation>把该句子对加入表格；现在以及每个轮次之后都会翻译并评分。</translation>
    </message>
    <message>
        <source>Removes the selected pair of yours (the data set&apos;s test pairs stay).</source>
        <translation>移除你选中的句子对（数据集的测试句子对保留）。</translation>
    </message>
    <message>
        <source>The BLEU table is shown for translation data sets (fra-eng).</source>
        <translation>翻译数据集（fra-eng）会显示 BLEU 表。</translation>
    </message>
    <message>
        <source>BLEU (D2L §9.7.4, k = 2) of the greedy translation of every pair, after every epoch.</source>
        <translation>每个轮次之后每个句子对贪心译文的 BLEU（D2L §9.7.4，k = 2）。</translation>
    </message>
    <message>
        <source>%1: mean BLEU of the test pairs %2 (D2L §9.7.4, k = 2; 1 = the reference exactly).</source>
        <translation>%1：测试句子对的平均 BLEU 为 %2（D2L §9.7.4，k = 2；1 = 与参考译文完全相同）。</translation>
    </message>
    <message>
        <source>After epoch %1</source>
        <translation>第 %1 个轮次之后</translation>
    </message>
    <message>
        <source>The current model</source>
        <translation>当前模型</translation>
    </message>
</context>
<context>
    <name>BlockInsideDialog</name>
    <message>
        <source>Inside %1 “%2”</source>
        <translation>%1“%2”的内部</translation>
    </message>
    <message>
        <source>Open block</source>
        <translation>打开块</translation>
    </message>
    <message>
        <source>%1 parameters inside. The block is generated from its settings: change them in the inspector.</source>
        <translation>内部有 %1 个参数。该块由其设置生成：请在检查器中修改设置。</translation>
    </message>
</context>
<context>
    <name>ChangeOneThingDialog</name>
    <message>
        <source>Dropout p</source>
        <translation>暂退概率 p</translation>
    </message>
    <message>
        <source>Weight decay λ</source>
        <translation>权重衰减 λ</translation>
    </message>
    <message>
        <source>Initializer</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation>批量规范化</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Change one thing</source>
        <translation>只改一处</translation>
    </message>
    <message>
        <source>The experiment in the main window is duplicated; the copy differs in one thing. Both train with the same seed on the same data, and the comparison shows the difference.</source>
        <translation>复制主窗口中的实验；副本只有一处不同。两者用相同的随机种子在相同的数据上训练，比较结果显示出差别。</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>更改：</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>改为：</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
</context>
<context>
    <name>ComparisonPlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Solid with dots: test %1 after each epoch; dashed: training %1.</source>
        <translation>带点实线：每个轮次后的测试%1；虚线：训练%1。</translation>
    </message>
    <message>
        <source>Faint: the loss of each batch, smoothed.</source>
        <translation>浅色：每个批量的损失（经过平滑）。</translation>
    </message>
    <message>
        <source>Shaded: the difference between the two test curves.</source>
        <translation>阴影：两条测试曲线之间的差。</translation>
    </message>
</context>
<context>
    <name>ComparisonRunner</name>
    <message>
        <source>Loading the data…</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <source>The data could not be loaded: %1</source>
        <translation>无法加载数据：%1</translation>
    </message>
    <message numerus="yes">
        <source>Training %n variants side by side…</source>
        <translation>
            <numerusform>正在并排训练 %n 个变体…</numerusform>
        </translation>
    </message>
    <message>
        <source>Training %1 (%2 of %3)…</source>
        <translation>正在训练 %1（第 %2 个，共 %3 个）…</translation>
    </message>
    <message>
        <source>%1 cannot train: %2</source>
        <translation>%1 无法训练：%2</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>ComparisonSummary</name>
    <message>
        <source>higher</source>
        <translation>高</translation>
    </message>
    <message>
        <source>lower</source>
        <translation>低</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>%1: %2 %3 %4 (%5 against %6)</source>
        <translation>%1：%2%4 %3（%5 对 %6）</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>gap between test and training loss</source>
        <translation>测试损失与训练损失之差</translation>
    </message>
    <message>
        <source>%1: first-layer gradient norm %2× larger (%3 against %4)</source>
        <translation>%1：第一层的梯度范数是另一方的 %2 倍（%3 对 %4）</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Rows: the true class of the test examples; columns: the class the network predicted. The diagonal holds the right answers; each row&apos;s share of them is written at its end.</source>
        <translation>行：测试样本的真实类别；列：网络预测的类别。对角线上是正确的答案；每行的正确比例写在该行末尾。</translation>
    </message>
    <message>
        <source>Test set, epoch %1 — accuracy %2</source>
        <translation>测试集，第 %1 个轮次 — 准确率 %2</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <source>The confusion matrix is drawn for classification data sets.</source>
        <translation>分类数据集会绘制混淆矩阵。</translation>
    </message>
    <message>
        <source>The confusion matrix needs a test set.</source>
        <translation>混淆矩阵需要测试集。</translation>
    </message>
    <message>
        <source>The confusion matrix of the test set appears after the first epoch.</source>
        <translation>测试集的混淆矩阵在第一个轮次之后出现。</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
</context>
<context>
    <name>DatasetLoader</name>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Which data to learn from: real images, a small 2-D toy you can see, a regression problem with a known answer, or your own table.</source>
        <translation>从哪些数据中学习：真实图像、看得见的二维小例子、答案已知的回归问题，或你自己的表格。</translation>
    </message>
    <message>
        <source>Fashion-MNIST / IDX images</source>
        <translation>Fashion-MNIST / IDX 图像</translation>
    </message>
    <message>
        <source>Spiral (2-D toy)</source>
        <translation>螺旋（二维小例子）</translation>
    </message>
    <message>
        <source>XOR (2-D toy)</source>
        <translation>异或（二维小例子）</translation>
    </message>
    <message>
        <source>Circles (2-D toy)</source>
        <translation>同心圆（二维小例子）</translation>
    </message>
    <message>
        <source>Gaussian blobs (2-D toy)</source>
        <translation>高斯团（二维小例子）</translation>
    </message>
    <message>
        <source>Linear regression (synthetic)</source>
        <translation>线性回归（合成数据）</translation>
    </message>
    <message>
        <source>Sine wave (sequence, D2L §8.1)</source>
        <translation>正弦波（序列，D2L §8.1）</translation>
    </message>
    <message>
        <source>Nadaraya–Watson points (attention, D2L §10.2)</source>
        <translation>Nadaraya–Watson 点（注意力，D2L §10.2）</translation>
    </message>
    <message>
        <source>CSV table</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <source>The Time Machine (text)</source>
        <translation>时间机器（文本）</translation>
    </message>
    <message>
        <source>Text file (.txt)</source>
        <translation>文本文件 (.txt)</translation>
    </message>
    <message>
        <source>English–French pairs (translation)</source>
        <translation>英语–法语句子对（翻译）</translation>
    </message>
    <message>
        <source>Sentence pairs file (.tsv, .txt)</source>
        <translation>句子对文件 (.tsv, .txt)</translation>
    </message>
    <message>
        <source>Tatoeba paraphrases (BERT fine-tuning)</source>
        <translation>Tatoeba 释义句（BERT 微调）</translation>
    </message>
    <message>
        <source>Your own text, any UTF-8 .txt file, for a language model: cleaned and cut into tokens as D2L does (§8.2).</source>
        <translation>你自己的文本，任何 UTF-8 .txt 文件，用于语言模型：像 D2L 那样清洗并切分为词元（§8.2）。</translation>
    </message>
    <message>
        <source>Your own table: one row per example, one column to predict.</source>
        <translation>你自己的表格：每行一个样本，其中一列是要预测的值。</translation>
    </message>
    <message>
        <source>Your own sentence pairs for translation, one “source&lt;TAB&gt;target” per line, preprocessed as D2L does (§9.5).</source>
        <translation>你自己的翻译句子对，每行一个“源语言&lt;TAB&gt;目标语言”，像 D2L 那样预处理（§9.5）。</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Folder holding the four MNIST-style IDX files (train/t10k images and labels, optionally .gz); the default is where Debian installs Fashion-MNIST.</source>
        <translation>存放四个 MNIST 格式 IDX 文件（train/t10k 的图像和标签，可为 .gz）的文件夹；默认是 Debian 安装 Fashion-MNIST 的位置。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Use only the first this many examples, for quick experiments on a slow machine (all = every example).</source>
        <translation>只使用前这么多个样本，以便在慢机器上快速实验（全部 = 每一个样本）。</translation>
    </message>
    <message>
        <source>Training examples</source>
        <translation>训练样本</translation>
    </message>
    <message>
        <source>Test examples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <source>Resize every image to this many pixels square (bilinear), as D2L does for AlexNet and VGG (224) or GoogLeNet, ResNet and DenseNet (96). Images are resized as each batch is drawn, so the data set keeps its own size in memory; bigger images cost time and activation memory while training. The arrows step through D2L&apos;s sizes; a typed size applies on Enter.</source>
        <translation>把每张图像缩放为这么多像素见方（双线性插值），就像 D2L 对 AlexNet 和 VGG（224）或 GoogLeNet、ResNet、DenseNet（96）所做的那样。图像在取出每个小批量时才缩放，数据集在内存中保持原来的大小；图像越大，训练时占用的时间和激活内存越多。箭头按 D2L 用过的尺寸步进；输入的尺寸按 Enter 后生效。</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose another folder of IDX files, e.g. the original MNIST digits.</source>
        <translation>选择另一个 IDX 文件的文件夹，例如原始的 MNIST 手写数字。</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Go back to the Fashion-MNIST folder.</source>
        <translation>回到 Fashion-MNIST 文件夹。</translation>
    </message>
    <message>
        <source>How many examples to generate, training and test together.</source>
        <translation>要生成多少个样本（训练和测试合计）。</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>How much random jitter is added (to the points of a toy, to the labels of linear regression): more noise makes classes overlap.</source>
        <translation>加入多少随机抖动（加到小例子的点上，或线性回归的标签上）：噪声越大，类别越重叠。</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Number of classes: spiral arms or Gaussian blobs.</source>
        <translation>类别数：螺旋臂或高斯团的个数。</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>A comma-separated table with a header row: one row per example, one column per feature; text columns are one-hot encoded, missing numbers filled with the mean.</source>
        <translation>带表头行的逗号分隔表格：每行一个样本，每列一个特征；文本列做独热编码，缺失的数值用均值填充。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The column the network should predict; every other column is an input.</source>
        <translation>网络要预测的列；其余每一列都是输入。</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Numbers in the target are class ids</source>
        <translation>目标中的数字是类别编号</translation>
    </message>
    <message>
        <source>Treat a numeric target such as 0/1 as classes (classification) instead of a quantity to predict (regression); text targets are always classes.</source>
        <translation>把 0/1 这样的数值目标当作类别（分类），而不是要预测的数量（回归）；文本目标总是类别。</translation>
    </message>
    <message>
        <source>Standardize numeric features</source>
        <translation>标准化数值特征</translation>
    </message>
    <message>
        <source>Rescale each numeric column to mean 0 and standard deviation 1, so that columns with big numbers do not dominate (D2L §5.7).</source>
        <translation>把每个数值列缩放为均值 0、标准差 1，以免数值大的列占主导（D2L §5.7）。</translation>
    </message>
    <message>
        <source>path/to/table.csv</source>
        <translation>path/to/table.csv</translation>
    </message>
    <message>
        <source>Choose a .csv file.</source>
        <translation>选择一个 .csv 文件。</translation>
    </message>
    <message>
        <source>A UTF-8 text file. D2L&apos;s cleaning keeps only the letters A-Z (lower-cased); everything else becomes a space.</source>
        <translation>UTF-8 文本文件。D2L 的清洗只保留字母 A-Z（转为小写）；其他一切都变成空格。</translation>
    </message>
    <message>
        <source>What one token is: a character (a small vocabulary, long sequences) or a word (a big vocabulary, short sequences), D2L §8.2.</source>
        <translation>一个词元是什么：一个字符（词表小、序列长）或一个单词（词表大、序列短），D2L §8.2。</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>words</source>
        <translation>单词</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Tokens per example (num_steps): the model reads this many and predicts each next one; backpropagation through time is cut after them (D2L uses 35).</source>
        <translation>每个样本的词元数（num_steps）：模型读取这么多词元并预测每一个下一个；通过时间反向传播在此之后截断（D2L 用 35）。</translation>
    </message>
    <message>
        <source>Steps (num_steps)</source>
        <translation>时间步数 (num_steps)</translation>
    </message>
    <message>
        <source>How minibatches are cut from the stream (D2L §8.3.4): random sampling takes subsequences from anywhere, and each starts from a fresh hidden state; sequential partitioning lets each batch row continue where it ended, so the hidden state is carried over.</source>
        <translation>如何从词元流中切出小批量（D2L §8.3.4）：随机采样从任意位置取子序列，每个都从新的隐状态开始；顺序分区让每个批量行从上次结束处继续，因此隐状态会被延续。</translation>
    </message>
    <message>
        <source>random sampling</source>
        <translation>随机采样</translation>
    </message>
    <message>
        <source>sequential partitioning</source>
        <translation>顺序分区</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Tokens seen fewer times than this become &lt;unk&gt; (unknown), which keeps a word vocabulary small.</source>
        <translation>出现次数少于此值的词元变为 &lt;unk&gt;（未知），这样单词词表就不会太大。</translation>
    </message>
    <message>
        <source>Minimum frequency</source>
        <translation>最小词频</translation>
    </message>
    <message>
        <source>Train on the first this many tokens only (all = the whole text). D2L uses the first 10,000 characters of The Time Machine.</source>
        <translation>只用前这么多个词元训练（全部 = 整个文本）。D2L 使用《时间机器》的前 10,000 个字符。</translation>
    </message>
    <message>
        <source>Token limit</source>
        <translation>词元上限</translation>
    </message>
    <message>
        <source>path/to/text.txt</source>
        <translation>path/to/text.txt</translation>
    </message>
    <message>
        <source>Choose a text file.</source>
        <translation>选择一个文本文件。</translation>
    </message>
    <message>
        <source>Share of the examples held back to test the trained network on data it never saw.</source>
        <translation>留出多少比例的样本，用来在网络从未见过的数据上测试训练好的网络。</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>测试比例</translation>
    </message>
    <message>
        <source>The same seed gives the same examples and the same train/test split.</source>
        <translation>相同的随机种子给出相同的样本和相同的训练/测试划分。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>%1 has a header but no rows of data.</source>
        <translation>%1 有表头但没有数据行。</translation>
    </message>
    <message>
        <source>Folder of IDX files</source>
        <translation>IDX 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV tables (*.csv);;All files (*)</source>
        <translation>CSV 表格 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Fashion-MNIST is not installed (nothing in %1). Fix: install the Debian package dataset-fashion-mnist (sudo apt install dataset-fashion-mnist), or set DIVELAB_FASHION_MNIST to a folder holding its four IDX files.</source>
        <translation>未安装 Fashion-MNIST（%1 中什么也没有）。解决办法：安装 Debian 软件包 dataset-fashion-mnist（sudo apt install dataset-fashion-mnist），或把 DIVELAB_FASHION_MNIST 设为存放其四个 IDX 文件的文件夹。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a folder of IDX files: %2 missing (each may also end in .gz).</source>
        <translation>%1 不是 IDX 文件的文件夹：缺少 %2（每个文件也可以以 .gz 结尾）。</translation>
    </message>
    <message>
        <source>Choose a CSV file (Browse…).</source>
        <translation>请选择一个 CSV 文件（浏览…）。</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 needs at least two columns: features and a target.</source>
        <translation>%1 至少需要两列：特征和目标。</translation>
    </message>
    <message>
        <source>Choose a text file (Browse…).</source>
        <translation>请选择一个文本文件（浏览…）。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a text file.</source>
        <translation>%1 是文件夹，不是文本文件。</translation>
    </message>
    <message>
        <source>Choose a file of sentence pairs (Browse…).</source>
        <translation>请选择一个句子对文件（浏览…）。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file of sentence pairs.</source>
        <translation>%1 是文件夹，不是句子对文件。</translation>
    </message>
    <message>
        <source>Ready: IDX files found in %1.</source>
        <translation>就绪：在 %1 中找到了 IDX 文件。</translation>
    </message>
    <message>
        <source>Ready: sentence pairs padded to %1 tokens.</source>
        <translation>就绪：句子对填充到 %1 个词元。</translation>
    </message>
    <message>
        <source>Ready: text in %1 tokens of %2 steps.</source>
        <translation>就绪：文本按 %1 切分，每个样本 %2 个时间步。</translation>
    </message>
    <message>
        <source>Ready: %1 columns; predicting “%2”.</source>
        <translation>就绪：%1 列；预测“%2”。</translation>
    </message>
    <message>
        <source>Ready: %1 examples, %2 % held out for testing.</source>
        <translation>就绪：%1 个样本，留出 %2 % 用于测试。</translation>
    </message>
    <message>
        <source>Loading… %1 %</source>
        <translation>正在加载… %1 %</translation>
    </message>
    <message>
        <source>Loaded: %1 training and %2 test %3 of %4 tokens; a vocabulary of %5 tokens%6.</source>
        <translation>已加载：%1 个训练和 %2 个测试%3，每个 %4 个词元；词表含 %5 个词元%6。</translation>
    </message>
    <message>
        <source>pretraining examples</source>
        <translation>预训练样本</translation>
    </message>
    <message>
        <source>sentence pairs</source>
        <translation>句子对</translation>
    </message>
    <message>
        <source> (the pretrained model&apos;s)</source>
        <translation>（预训练模型的词表）</translation>
    </message>
    <message>
        <source>Loaded: %1 training and %2 test sentence pairs of %3 tokens; vocabularies of %4 source and %5 target words.</source>
        <translation>已加载：%1 个训练和 %2 个测试句子对，每个 %3 个词元；源语言词表 %4 个词，目标语言词表 %5 个词。</translation>
    </message>
    <message>
        <source>Loaded: %1 tokens, a vocabulary of %2, %3 examples of %4 tokens (no test set).</source>
        <translation>已加载：%1 个词元，词表大小 %2，%3 个样本，每个 %4 个词元（无测试集）。</translation>
    </message>
    <message>
        <source>Loaded: %1 training and %2 test examples of shape %3.</source>
        <translation>已加载：%1 个训练样本和 %2 个测试样本，形状为 %3。</translation>
    </message>
</context>
<context>
    <name>DatasetPreview</name>
    <message>
        <source>The data set&apos;s name, how many examples it holds, the shape of one example and what is predicted.</source>
        <translation>数据集的名称、样本数量、单个样本的形状以及要预测的内容。</translation>
    </message>
    <message>
        <source>No data loaded yet: choose a data set and load it.</source>
        <translation>尚未加载数据：请选择一个数据集并加载。</translation>
    </message>
    <message>
        <source>The first test images, pixel for pixel, with the class each one belongs to.</source>
        <translation>前几张测试图像，逐像素显示，并标出各自所属的类别。</translation>
    </message>
    <message>
        <source>Each dot is one example, placed by its two features and coloured by its class; filled dots are for training, hollow ones for testing.</source>
        <translation>每个点是一个样本，位置由它的两个特征决定，颜色表示类别；实心点用于训练，空心点用于测试。</translation>
    </message>
    <message>
        <source>The first training rows: one example per row, its features and the value to predict.</source>
        <translation>前几行训练数据：每行一个样本，包括它的特征和要预测的值。</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>%1 classes</source>
        <translation>%1 个类别</translation>
    </message>
    <message>
        <source>regression, %1 target(s)</source>
        <translation>回归，%1 个目标</translation>
    </message>
    <message>
        <source>%1 features</source>
        <translation>%1 个特征</translation>
    </message>
    <message>
        <source>shape %1</source>
        <translation>形状 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 training / %3 test examples, each %4; %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个训练 / %3 个测试样本，每个 %4；%5</translation>
    </message>
    <message>
        <source>No preview for examples of shape %1.</source>
        <translation>形状为 %1 的样本没有预览。</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1（测试）</translation>
    </message>
    <message>
        <source>word</source>
        <translation>单词</translation>
    </message>
    <message>
        <source>character</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 %3 tokens, a vocabulary of %4; %5 examples of %6 tokens (%7 sampling); no test set</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个%3词元，词表大小 %4；%5 个样本，每个 %6 个词元（%7）；无测试集</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 training / %3 test sentence pairs, each side %4 tokens (&amp;lt;eos&amp;gt;, then &amp;lt;pad&amp;gt;); vocabularies of %5 source and %6 target words (min. frequency applied)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个训练 / %3 个测试句子对，每侧 %4 个词元（&amp;lt;eos&amp;gt;，然后是 &amp;lt;pad&amp;gt;）；源语言词表 %5 个词，目标语言词表 %6 个词（已应用最小词频）</translation>
    </message>
    <message>
        <source>→ class</source>
        <translation>→ 类别</translation>
    </message>
    <message>
        <source>→ target</source>
        <translation>→ 目标</translation>
    </message>
    <message>
        <source>→ target %1</source>
        <translation>→ 目标 %1</translation>
    </message>
</context>
<context>
    <name>DecisionBoundaryView</name>
    <message>
        <source>The background is the class the network predicts at each point of the plane, paler where it is less sure. Dots are training examples, circles test examples.</source>
        <translation>背景是网络在平面上每一点预测的类别，越淡表示越不确定。实心点是训练样本，圆圈是测试样本。</translation>
    </message>
    <message>
        <source>The decision boundary is drawn for 2-D classification data sets (toy sets).</source>
        <translation>二维分类数据集（小例子）会绘制决策边界。</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
</context>
<context>
    <name>EmbeddingInspector</name>
    <message>
        <source>This network has no node &quot;token_embedding&quot; whose weight could be shown: the view reads the token embedding of the bert-tiny preset.</source>
        <translation>这个网络没有可显示其权重的节点“token_embedding”：该视图读取 bert-tiny 预设的词元嵌入。</translation>
    </message>
</context>
<context>
    <name>EmbeddingProjectionView</name>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Change since the start</source>
        <translation>相对开始时的变化</translation>
    </message>
    <message>
        <source>Embeddings: the table itself, still mostly its random start after a short pretraining.
Change since the start: the table now minus the table when the run began, what training wrote into it.</source>
        <translation>嵌入：嵌入表本身，短时间预训练后大部分仍是随机初始值。
相对开始时的变化：当前的表减去运行开始时的表，即训练写入其中的内容。</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Replay how the embedding formed, epoch by epoch</source>
        <translation>逐轮次回放嵌入的形成过程</translation>
    </message>
    <message>
        <source>Epoch %1: training has not changed the table yet. The change since the start appears after the first epoch.</source>
        <translation>第 %1 个轮次：训练尚未改变嵌入表。相对开始时的变化在第一个轮次之后出现。</translation>
    </message>
    <message>
        <source>The token embeddings appear in two dimensions after every epoch of BERT pretraining: train the network (F5).</source>
        <translation>BERT 预训练的每个轮次之后，词元嵌入会以二维形式显示：请训练网络（F5）。</translation>
    </message>
    <message>
        <source>epoch %1 (step %2)</source>
        <translation>轮次 %1（第 %2 步）</translation>
    </message>
    <message>
        <source>change since the start: first principal component (%1 % of the variance)</source>
        <translation>相对开始时的变化：第一主成分（占方差的 %1 %）</translation>
    </message>
    <message>
        <source>first principal component (%1 % of the variance)</source>
        <translation>第一主成分（占方差的 %1 %）</translation>
    </message>
    <message>
        <source>second (%1 %)</source>
        <translation>第二主成分（%1 %）</translation>
    </message>
    <message>
        <source>epoch %1 (step %2)%3</source>
        <translation>轮次 %1（第 %2 步）%3</translation>
    </message>
    <message>
        <source>, live</source>
        <translation>，实时</translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>The layer whose output channels are shown (layers whose output is a stack of images).</source>
        <translation>显示其输出通道的层（输出为一叠图像的层）。</translation>
    </message>
    <message>
        <source>&amp;Test image:</source>
        <translation>测试图像(&amp;T)：</translation>
    </message>
    <message>
        <source>Which test image the network looks at.</source>
        <translation>网络查看的是哪张测试图像。</translation>
    </message>
    <message>
        <source>Each picture is one output channel of the layer on this image: bright where the channel responds most, dark where least.</source>
        <translation>每张图是该层在这张图像上的一个输出通道：通道响应越强越亮，越弱越暗。</translation>
    </message>
    <message>
        <source>Feature maps are shown for image data sets (e.g. Fashion-MNIST with the lenet preset).</source>
        <translation>图像数据集会显示特征图（例如使用 lenet 预设的 Fashion-MNIST）。</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <source>test image %1: %2</source>
        <translation>测试图像 %1：%2</translation>
    </message>
    <message>
        <source>The feature maps appear here once the network has looked at this image.</source>
        <translation>网络查看过这张图像后，特征图会显示在这里。</translation>
    </message>
    <message>
        <source>No layer of this network outputs feature maps (e.g. Conv2d, pooling).</source>
        <translation>这个网络没有输出特征图的层（例如 Conv2d、汇聚层）。</translation>
    </message>
    <message>
        <source>input
%1</source>
        <translation>输入
%1</translation>
    </message>
    <message>
        <source>1 channel</source>
        <translation>1 个通道</translation>
    </message>
    <message>
        <source>%1 channels</source>
        <translation>%1 个通道</translation>
    </message>
    <message>
        <source>%1 · %2 of %3×%4 · test image %5: %6</source>
        <translation>%1 · %3×%4 的 %2 · 测试图像 %5：%6</translation>
    </message>
</context>
<context>
    <name>FillBlankSnapshot</name>
    <message>
        <source>token attending (query)</source>
        <translation>发出关注的词元（查询）</translation>
    </message>
    <message>
        <source>token attended to (key)</source>
        <translation>被关注的词元（键）</translation>
    </message>
</context>
<context>
    <name>FillBlankView</name>
    <message>
        <source>BERT&apos;s masked language model (D2L §14.8): click a word to hide it, and the model guesses it from the words on both sides. Type a sentence and press Enter to try another; [MASK] in it is a blank too.</source>
        <translation>BERT 的掩蔽语言模型（D2L §14.8）：点击一个词把它遮住，模型会根据两侧的词来猜它。输入一个句子并按 Enter 试试别的句子；句中的 [MASK] 也是一个空位。</translation>
    </message>
    <message>
        <source>a sentence, e.g. the time traveller was expounding a recondite matter to us</source>
        <translation>一个句子，例如 the time traveller was expounding a recondite matter to us</translation>
    </message>
    <message>
        <source>Where each token of the sentence looks, in every encoder layer and head, appears here once the model has filled the blanks: train the network (F5).</source>
        <translation>模型填好空位后，这里会显示句子中每个词元在每个编码器层和头中关注的位置：请训练网络（F5）。</translation>
    </message>
    <message>
        <source>&lt;i&gt;The guesses appear after the next epoch of training, or at once for a trained model.&lt;/i&gt;</source>
        <translation>&lt;i&gt;猜测会在下一个训练轮次之后出现；对训练好的模型则立即出现。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Guesses of the model after training step %1 (%2 epochs done):</source>
        <translation>模型在第 %1 个训练步之后的猜测（已完成 %2 个轮次）：</translation>
    </message>
    <message>
        <source>Guesses of the current model:</source>
        <translation>当前模型的猜测：</translation>
    </message>
</context>
<context>
    <name>FilterView</name>
    <message>
        <source>Each picture is one filter of the first convolution: its weights over the kernel window, from most negative (black) to most positive (white).</source>
        <translation>每张图是第一个卷积层的一个卷积核：它在卷积窗口上的权重，从最负（黑）到最正（白）。</translation>
    </message>
    <message>
        <source>Filters of the first convolution</source>
        <translation>第一个卷积层的卷积核</translation>
    </message>
    <message>
        <source>The filters are shown for networks that start with a Conv2d layer (e.g. the lenet preset).</source>
        <translation>以 Conv2d 层开头的网络（例如 lenet 预设）会显示卷积核。</translation>
    </message>
    <message>
        <source>Filters of %1</source>
        <translation>%1 的卷积核</translation>
    </message>
    <message>
        <source>The filters of %1 appear here once the network is built or training starts.</source>
        <translation>网络构建完成或训练开始后，这里会显示 %1 的卷积核。</translation>
    </message>
    <message>
        <source> (the RGB input channels as colour)</source>
        <translation>（RGB 输入通道显示为颜色）</translation>
    </message>
    <message>
        <source> (input channel 0 of %1)</source>
        <translation>（%1 的输入通道 0）</translation>
    </message>
    <message>
        <source>1 filter</source>
        <translation>1 个卷积核</translation>
    </message>
    <message>
        <source>%1 filters</source>
        <translation>%1 个卷积核</translation>
    </message>
    <message>
        <source>%1.weight: %2 of %3×%4%5, each from its most negative (black) to its most positive weight (white)</source>
        <translation>%1.weight：%2，大小 %3×%4%5，每个从最负的权重（黑）到最正的权重（白）</translation>
    </message>
</context>
<context>
    <name>FineTuningAttention</name>
    <message>
        <source>head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>The attention of the first test pair appears here when a fine-tuning run starts.</source>
        <translation>微调运行开始时，这里会显示第一个测试句子对的注意力。</translation>
    </message>
    <message>
        <source>%1: attention of the first test pair in %2, before fine-tuning (left) and after (right)</source>
        <translation>%1：第一个测试句子对在 %2 中的注意力，微调前（左）与微调后（右）</translation>
    </message>
    <message>
        <source>before fine-tuning (start weights)</source>
        <translation>微调前（初始权重）</translation>
    </message>
    <message>
        <source>after fine-tuning (end weights)</source>
        <translation>微调后（最终权重）</translation>
    </message>
</context>
<context>
    <name>FineTuningBox</name>
    <message>
        <source>Fine-tuning (D2L §15.7)</source>
        <translation>微调（D2L §15.7）</translation>
    </message>
    <message>
        <source>The weights the run starts from: a pretrained BERT&apos;s encoder (the point of pretraining), or random weights to see what pretraining is worth.</source>
        <translation>运行开始时使用的权重：预训练 BERT 的编码器（这正是预训练的意义），或随机权重，以便看看预训练值多少。</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>Freeze the pretrained layers</source>
        <translation>冻结预训练层</translation>
    </message>
    <message>
        <source>On: the copied layers keep their pretrained values and only the new head learns (faster, usually a little less accurate).</source>
        <translation>开启：复制过来的层保持预训练的值，只有新的输出头在学习（更快，通常准确率略低）。</translation>
    </message>
    <message>
        <source>same as lr</source>
        <translation>与学习率相同</translation>
    </message>
    <message>
        <source>The learning rate of the new layers the pretrained model lacks (the classifier head); 0 = the optimizer&apos;s learning rate.</source>
        <translation>预训练模型中没有的新层（分类头）的学习率；0 = 使用优化器的学习率。</translation>
    </message>
    <message>
        <source>Head learning rate</source>
        <translation>输出头学习率</translation>
    </message>
    <message>
        <source>last pretrained %1</source>
        <translation>最近预训练的 %1</translation>
    </message>
    <message>
        <source>a saved model…</source>
        <translation>已保存的模型…</translation>
    </message>
    <message>
        <source>random weights</source>
        <translation>随机权重</translation>
    </message>
    <message>
        <source>Start from a saved BERT</source>
        <translation>从已保存的 BERT 开始</translation>
    </message>
    <message>
        <source>DiveLab models (*.json)</source>
        <translation>DiveLab 模型 (*.json)</translation>
    </message>
    <message>
        <source>The pretrained model is still being read.</source>
        <translation>仍在读取预训练模型。</translation>
    </message>
    <message>
        <source>The pretrained model cannot be used: %1</source>
        <translation>无法使用该预训练模型：%1</translation>
    </message>
    <message>
        <source>Choose the saved model to start from.</source>
        <translation>请选择作为起点的已保存模型。</translation>
    </message>
    <message>
        <source>There is no pretrained %1 yet. Make one: load the preset %1 (Presets menu) and train it to the end; the window keeps it and starts from it here. Or start from a saved model, or from random weights.</source>
        <translation>还没有预训练好的 %1。先做一个：加载预设 %1（“预设”菜单）并把它训练完；窗口会保留它，并在这里从它开始。或者从已保存的模型或随机权重开始。</translation>
    </message>
    <message>
        <source>Starts from %1 (a vocabulary of %2 tokens).</source>
        <translation>从 %1 开始（词表含 %2 个词元）。</translation>
    </message>
    <message>
        <source>Random weights, with the vocabulary of the last pretrained %1 (the same data as fine-tuning it).</source>
        <translation>随机权重，使用最近预训练的 %1 的词表（与微调它时的数据相同）。</translation>
    </message>
    <message>
        <source>Random weights; the data set builds its own vocabulary.</source>
        <translation>随机权重；数据集构建自己的词表。</translation>
    </message>
</context>
<context>
    <name>FineTuningComparison</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>from scratch</source>
        <translation>从零开始</translation>
    </message>
    <message>
        <source>%1 (%2): final test accuracy %3</source>
        <translation>%1（%2）：最终测试准确率 %3</translation>
    </message>
    <message>
        <source>The same network, data and seed: starting from the pretrained encoder against starting from random weights (D2L §15.7).</source>
        <translation>相同的网络、数据和随机种子：从预训练的编码器开始与从随机权重开始的对比（D2L §15.7）。</translation>
    </message>
    <message>
        <source>Train bert-paraphrase (from the pretrained bert-tiny) and bert-paraphrase-scratch (random weights) to compare their test accuracy here.</source>
        <translation>训练 bert-paraphrase（从预训练的 bert-tiny 开始）和 bert-paraphrase-scratch（随机权重），即可在这里比较它们的测试准确率。</translation>
    </message>
</context>
<context>
    <name>FormulaView</name>
    <message>
        <source>The rendered formula %1 is missing: run scripts/render_lesson_formulas.py.</source>
        <translation>缺少渲染好的公式 %1：请运行 scripts/render_lesson_formulas.py。</translation>
    </message>
</context>
<context>
    <name>FunctionChooser</name>
    <message>
        <source>Quadratic 0.1·x1² + 2·x2² (D2L §11.6)</source>
        <translation>二次函数 0.1·x1² + 2·x2²（D2L §11.6）</translation>
    </message>
    <message>
        <source>Rosenbrock (1 − x1)² + 100·(x2 − x1²)²</source>
        <translation>Rosenbrock 函数 (1 − x1)² + 100·(x2 − x1²)²</translation>
    </message>
    <message>
        <source>Local minimum x·cos(πx), 1-D (D2L §11.1)</source>
        <translation>局部最小值 x·cos(πx)，一维（D2L §11.1）</translation>
    </message>
    <message>
        <source>Saddle x1² − x2² (D2L §11.1)</source>
        <translation>鞍点 x1² − x2²（D2L §11.1）</translation>
    </message>
    <message>
        <source>Custom formula</source>
        <translation>自定义公式</translation>
    </message>
    <message>
        <source>f(x1, x2), e.g. x1^2 + 3*sin(x2); press Enter</source>
        <translation>f(x1, x2)，例如 x1^2 + 3*sin(x2)；按 Enter</translation>
    </message>
    <message>
        <source>Variables x1 and x2 (or x and y); + − * / ^; sin cos tan exp log sqrt abs tanh; pi, e. A formula with x alone is drawn as a curve.</source>
        <translation>变量 x1 和 x2（或 x 和 y）；+ − * / ^；sin cos tan exp log sqrt abs tanh；pi、e。只含 x 的公式画成一条曲线。</translation>
    </message>
    <message>
        <source>Cannot read the formula: %1</source>
        <translation>无法读取公式：%1</translation>
    </message>
</context>
<context>
    <name>GateView</name>
    <message>
        <source>Each column is one character of the sentence, each row a gate&apos;s mean activation or one unit; bright = high.</source>
        <translation>每一列是句子中的一个字符，每一行是一个门的平均激活值或一个单元；越亮越高。</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>&amp;Sentence:</source>
        <translation>句子(&amp;S)：</translation>
    </message>
    <message>
        <source>The text the model reads, from a fresh state (Enter applies it).</source>
        <translation>模型从新状态开始读取的文本（按 Enter 生效）。</translation>
    </message>
    <message>
        <source>&amp;Rows:</source>
        <translation>行(&amp;R)：</translation>
    </message>
    <message>
        <source>Gate means: one row per gate, its activation averaged over the hidden units. Or one tensor&apos;s single units, to find units that fire on spaces or vowels.</source>
        <translation>门均值：每个门一行，为其激活值在各隐藏单元上的平均。或者某个张量的单个单元，用来找出在空格或元音上激活的单元。</translation>
    </message>
    <message>
        <source>&amp;Units from:</source>
        <translation>起始单元(&amp;U)：</translation>
    </message>
    <message>
        <source>The first hidden unit shown.</source>
        <translation>显示的第一个隐藏单元。</translation>
    </message>
    <message>
        <source>count </source>
        <translation>个数 </translation>
    </message>
    <message>
        <source>How many units are shown, one row each.</source>
        <translation>显示多少个单元，每个一行。</translation>
    </message>
    <message>
        <source>gate means</source>
        <translation>门均值</translation>
    </message>
    <message>
        <source>units of %1</source>
        <translation>%1 的单元</translation>
    </message>
    <message>
        <source>Gates and states are shown for recurrent language models: choose The Time Machine and a recurrent preset (e.g. lstm).</source>
        <translation>循环语言模型会显示门和状态：请选择《时间机器》和一个循环网络预设（例如 lstm）。</translation>
    </message>
    <message>
        <source>The network has no recurrent layer (RNN, GRU or LSTM).</source>
        <translation>这个网络没有循环层（RNN、GRU 或 LSTM）。</translation>
    </message>
    <message>
        <source>Train the network to see what %1 does with each character of the sentence.</source>
        <translation>训练网络后即可看到 %1 如何处理句子中的每个字符。</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单元 %1</translation>
    </message>
</context>
<context>
    <name>GeneratedTextView</name>
    <message>
        <source>What the model wrote after each epoch: the prefix in bold, then its continuation. Scroll up to see what the first epochs wrote.</source>
        <translation>模型在每个轮次之后写出的内容：粗体为前缀，后面是它的续写。向上滚动可看到最初几个轮次写了什么。</translation>
    </message>
    <message>
        <source>&amp;Prefix:</source>
        <translation>前缀(&amp;P)：</translation>
    </message>
    <message>
        <source>The text the model continues after every epoch (Enter applies it).</source>
        <translation>模型在每个轮次之后续写的文本（按 Enter 生效）。</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>长度(&amp;L)：</translation>
    </message>
    <message>
        <source>How many tokens the model writes after the prefix.</source>
        <translation>模型在前缀之后写多少个词元。</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>greedy: always the most likely next token (D2L&apos;s predict_ch8); sample: draw it from the model&apos;s probabilities, sharpened or flattened by the temperature.</source>
        <translation>贪心：总是选最可能的下一个词元（D2L 的 predict_ch8）；采样：按模型的概率抽取，温度会使分布更尖锐或更平坦。</translation>
    </message>
    <message>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <source>Below 1 the model plays safe, above 1 it takes more chances.</source>
        <translation>低于 1 时模型更保守，高于 1 时更敢于冒险。</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Generated text is shown for language models: choose The Time Machine and a recurrent preset (e.g. lstm).</source>
        <translation>语言模型会显示生成的文本：请选择《时间机器》和一个循环网络预设（例如 lstm）。</translation>
    </message>
    <message>
        <source>After each epoch the model continues “%1” here.</source>
        <translation>每个轮次之后，模型会在这里续写“%1”。</translation>
    </message>
</context>
<context>
    <name>GettingStartedDialog</name>
    <message>
        <source>&lt;h2&gt;Getting started&lt;/h2&gt;&lt;p&gt;DiveLab follows the book &lt;i&gt;Dive into Deep Learning&lt;/i&gt; (d2l.ai). One window holds one experiment: a network, a data set, training settings, and views that show what happens while the network learns.&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/main-window.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;1. Build a network&lt;/h3&gt;&lt;p&gt;The quickest start is a ready network: open the &lt;b&gt;Presets&lt;/b&gt; menu, pick a chapter and a network. For the larger networks of chapter 8, take the one marked &lt;i&gt;start here&lt;/i&gt;: it is small enough to learn in a few minutes on a laptop.&lt;/p&gt;&lt;p&gt;To build your own, drag layers from the &lt;b&gt;Layers&lt;/b&gt; list on the left onto the canvas and connect an output port to the next layer&apos;s input. Every connection shows the shape of the data that flows through it; a layer that cannot work turns red and says why. Select a layer to change its settings in the &lt;b&gt;Inspector&lt;/b&gt;. Ctrl+Z undoes any edit.&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/network-editor.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;2. Choose the data and the settings&lt;/h3&gt;&lt;p&gt;The &lt;b&gt;Data set&lt;/b&gt; panel picks what the network learns from (Fashion-MNIST images or small 2-D toy sets) and shows examples. The &lt;b&gt;Hyperparameters&lt;/b&gt; panel sets the learning rate, batch size, number of epochs and optimizer; a preset fills in the values the book uses.&lt;/p&gt;&lt;h3&gt;3. Train&lt;/h3&gt;&lt;p&gt;Press &lt;b&gt;F5&lt;/b&gt; (Train). &lt;b&gt;F6&lt;/b&gt; pauses and resumes, &lt;b&gt;F10&lt;/b&gt; runs one batch while paused, &lt;b&gt;Shift+F5&lt;/b&gt; stops. Training runs in the background: you can keep looking around.&lt;/p&gt;&lt;h3&gt;4. Watch it learn&lt;/h3&gt;&lt;p&gt;The tabs at the bottom show the loss and accuracy (with the book&apos;s result as a dashed line when there is one), the gradient norms of every layer, how far the weights moved from their initialization, and the predictions. Hover over a view for what it shows.&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/training-plots.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;5. Keep your work&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Ctrl+S&lt;/b&gt; saves the whole experiment, with its results, in one &lt;i&gt;.divelab&lt;/i&gt; file; opening it later shows the trained model again. File › Export writes plots, metrics or the trained model. Help › Keyboard Shortcuts lists every key.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;入门&lt;/h2&gt;&lt;p&gt;DiveLab 以《动手学深度学习》（&lt;i&gt;Dive into Deep Learning&lt;/i&gt;，zh.d2l.ai）一书为线索。一个窗口就是一个实验：一个网络、一个数据集、训练设置，以及显示网络学习过程的各种视图。&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/main-window.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;1. 构建网络&lt;/h3&gt;&lt;p&gt;最快的开始方式是使用现成的网络：打开&lt;b&gt;预设&lt;/b&gt;菜单，选一章和一个网络。对于第 8 章中较大的网络，请选择标有&lt;i&gt;从这里开始&lt;/i&gt;的那个：它足够小，在笔记本电脑上几分钟就能学好。&lt;/p&gt;&lt;p&gt;要自己构建网络，请从左侧的&lt;b&gt;层&lt;/b&gt;列表中把层拖到画布上，并把一个输出端口连接到下一层的输入。每条连接都显示流经它的数据的形状；无法工作的层会变红并说明原因。选中一个层即可在&lt;b&gt;检查器&lt;/b&gt;中修改其设置。Ctrl+Z 可撤销任何编辑。&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/network-editor.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;2. 选择数据和设置&lt;/h3&gt;&lt;p&gt;&lt;b&gt;数据集&lt;/b&gt;面板选择网络从什么中学习（Fashion-MNIST 图像或二维小例子）并显示样本。&lt;b&gt;超参数&lt;/b&gt;面板设置学习率、批量大小、轮次数和优化器；预设会填入书中使用的值。&lt;/p&gt;&lt;h3&gt;3. 训练&lt;/h3&gt;&lt;p&gt;按 &lt;b&gt;F5&lt;/b&gt;（训练）。&lt;b&gt;F6&lt;/b&gt; 暂停和继续，暂停时 &lt;b&gt;F10&lt;/b&gt; 运行一个批量，&lt;b&gt;Shift+F5&lt;/b&gt; 停止。训练在后台运行：你可以继续四处查看。&lt;/p&gt;&lt;h3&gt;4. 观察学习过程&lt;/h3&gt;&lt;p&gt;底部的标签页显示损失和准确率（如果书中有结果，会以虚线显示）、每一层的梯度范数、权重离初始值移动了多远，以及预测结果。把鼠标悬停在视图上即可看到它显示的内容。&lt;/p&gt;&lt;p&gt;&lt;img src=&quot;qrc:/help/training-plots.png&quot; width=&quot;520&quot;&gt;&lt;/p&gt;&lt;h3&gt;5. 保存你的工作&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Ctrl+S&lt;/b&gt; 把整个实验连同结果保存在一个 &lt;i&gt;.divelab&lt;/i&gt; 文件中；以后打开它时会再次显示训练好的模型。“文件 › 导出”可写出图表、指标或训练好的模型。“帮助 › 键盘快捷键”列出了所有按键。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Getting Started with DiveLab</source>
        <translation>DiveLab 入门</translation>
    </message>
</context>
<context>
    <name>GradientNormPlot</name>
    <message>
        <source>gradient L2 norm</source>
        <translation>梯度 L2 范数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>norm</source>
        <translation>范数</translation>
    </message>
</context>
<context>
    <name>GraphNodeItem</name>
    <message>
        <source>shape %1</source>
        <translation>形状 %1</translation>
    </message>
    <message>
        <source>no gradient (a constant)</source>
        <translation>无梯度（常量）</translation>
    </message>
    <message>
        <source>gradient:</source>
        <translation>梯度：</translation>
    </message>
    <message>
        <source>gradient: not reached yet</source>
        <translation>梯度：尚未到达</translation>
    </message>
</context>
<context>
    <name>HyperparameterPanel</name>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>The rule that turns gradients into weight updates; switching loads that optimizer&apos;s standard settings, learning rate included.</source>
        <translation>把梯度变成权重更新的规则；切换时会载入该优化器的标准设置，包括学习率。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>How big a step each update takes: too small learns slowly, too large makes the loss jump or explode (arrows step 1, 2, 5, 10, …; 1e-3 can be typed; Enter applies it).</source>
        <translation>每次更新的步长：太小学得慢，太大则损失会跳动或爆炸（箭头按 1、2、5、10、… 步进；可输入 1e-3；按 Enter 生效）。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Fraction of the previous update kept in the next one, which smooths and speeds up descent (0 = none, 0.9 is common); SGD and RMSProp only.</source>
        <translation>在下一次更新中保留的上一次更新的比例，使下降更平滑、更快（0 = 不用，常用 0.9）；仅限 SGD 和 RMSProp。</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>look-ahead momentum</source>
        <translation>前瞻动量</translation>
    </message>
    <message>
        <source>Nesterov momentum evaluates the gradient where momentum is about to carry the weights, often converging a little faster; SGD only, needs momentum &gt; 0.</source>
        <translation>Nesterov 动量在动量即将把权重带到的位置计算梯度，通常收敛得稍快一些；仅限 SGD，需要动量 &gt; 0。</translation>
    </message>
    <message>
        <source>β₁</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>Adam&apos;s momentum: how much of the running average of gradients is kept each step (0.9 by default).</source>
        <translation>Adam 的动量：每一步保留多少梯度的滑动平均（默认 0.9）。</translation>
    </message>
    <message>
        <source>β₂</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>Adam&apos;s memory for squared gradients, which set each weight&apos;s own step size (0.999 by default).</source>
        <translation>Adam 对梯度平方的记忆，它决定每个权重自己的步长（默认 0.999）。</translation>
    </message>
    <message>
        <source>ε</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>A tiny number added before dividing by the gradient scale, so that weights with near-zero gradients do not get huge steps.</source>
        <translation>在除以梯度尺度之前加上的一个很小的数，使梯度接近零的权重不会得到巨大的步长。</translation>
    </message>
    <message>
        <source>α (decay)</source>
        <translation>α（衰减）</translation>
    </message>
    <message>
        <source>RMSProp&apos;s memory for squared gradients: closer to 1 averages over more past steps (0.99 by default).</source>
        <translation>RMSProp 对梯度平方的记忆：越接近 1，平均的历史步数越多（默认 0.99）。</translation>
    </message>
    <message>
        <source>ρ (decay)</source>
        <translation>ρ（衰减）</translation>
    </message>
    <message>
        <source>Adadelta&apos;s memory for squared gradients and updates (0.9 by default).</source>
        <translation>Adadelta 对梯度平方和更新量的记忆（默认 0.9）。</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Pulls every weight a little towards zero each step (L2 regularisation), which fights overfitting; 0 = off.</source>
        <translation>每一步把每个权重向零拉一点（L2 正则化），以对抗过拟合；0 = 关闭。</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch: constant, cut by a factor every few epochs, or smoothly lowered along a cosine.</source>
        <translation>学习率如何随轮次变化：保持不变、每隔几个轮次乘以一个因子，或沿余弦曲线平滑降低。</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>分段</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Every (epochs)</source>
        <translation>间隔（轮次）</translation>
    </message>
    <message>
        <source>The step schedule multiplies the learning rate by γ after this many epochs.</source>
        <translation>分段调度在这么多个轮次之后把学习率乘以 γ。</translation>
    </message>
    <message>
        <source>Factor γ</source>
        <translation>因子 γ</translation>
    </message>
    <message>
        <source>Final lr</source>
        <translation>最终学习率</translation>
    </message>
    <message>
        <source>Warm-up (epochs)</source>
        <translation>预热（轮次）</translation>
    </message>
    <message>
        <source>Epochs over which the learning rate grows linearly from small to its full value, which keeps the first updates of a fresh network gentle; 0 = none.</source>
        <translation>学习率在这么多个轮次内从小线性增长到完整值，使新网络最初的更新更温和；0 = 不预热。</translation>
    </message>
    <message>
        <source>Training loop</source>
        <translation>训练循环</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次数</translation>
    </message>
    <message>
        <source>How many times the whole training set is passed through the network.</source>
        <translation>整个训练集通过网络的次数。</translation>
    </message>
    <message>
        <source>Steps (0 = all epochs)</source>
        <translation>步数（0 = 全部轮次）</translation>
    </message>
    <message>
        <source>Stop after this many minibatches (D2L counts BERT&apos;s pretraining in steps, 50 for its small BERT); 0 runs every epoch.</source>
        <translation>在这么多个小批量之后停止（D2L 按步数计算 BERT 的预训练，其小型 BERT 为 50 步）；0 表示运行全部轮次。</translation>
    </message>
    <message>
        <source>0 (all epochs)</source>
        <translation>0（全部轮次）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Examples averaged into each gradient step: larger batches give smoother but fewer updates per epoch (arrows step by powers of two).</source>
        <translation>每个梯度步中平均的样本数：批量越大，更新越平滑，但每个轮次的更新次数越少（箭头按 2 的幂步进）。</translation>
    </message>
    <message>
        <source>Clip gradients</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>by global norm</source>
        <translation>按全局范数</translation>
    </message>
    <message>
        <source>On: a gradient longer than θ is scaled down to length θ before each update, which tames the exploding gradients of recurrent networks (D2L §9.5 uses θ = 1). Off shows the explosion.</source>
        <translation>开启：每次更新前，长度超过 θ 的梯度会被缩小到长度 θ，以抑制循环神经网络的梯度爆炸（D2L §9.5 用 θ = 1）。关闭则可看到爆炸。</translation>
    </message>
    <message>
        <source>Clipping θ</source>
        <translation>裁剪阈值 θ</translation>
    </message>
    <message>
        <source>If the gradient&apos;s overall length exceeds this, it is scaled down to it, which tames exploding gradients (common in RNNs); 0 = off.</source>
        <translation>如果梯度的总长度超过此值，就把它缩小到此值，以抑制梯度爆炸（在 RNN 中很常见）；0 = 关闭。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>What the network is scored by: auto picks cross-entropy for classes and squared error for numbers.</source>
        <translation>网络的评分标准：auto 对类别选择交叉熵，对数值选择平方误差。</translation>
    </message>
    <message>
        <source>cross_entropy for classification, mse for regression</source>
        <translation>分类用 cross_entropy，回归用 mse</translation>
    </message>
    <message>
        <source>softmax + negative log-likelihood of the right class (classification)</source>
        <translation>softmax + 正确类别的负对数似然（分类）</translation>
    </message>
    <message>
        <source>binary cross-entropy on a single sigmoid output (two classes)</source>
        <translation>单个 sigmoid 输出上的二元交叉熵（两个类别）</translation>
    </message>
    <message>
        <source>mean squared error (regression)</source>
        <translation>均方误差（回归）</translation>
    </message>
    <message>
        <source>half the squared error, as in D2L&apos;s linear regression</source>
        <translation>平方误差的一半，与 D2L 的线性回归相同</translation>
    </message>
    <message>
        <source>Reproducibility and speed</source>
        <translation>可复现性与速度</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Starting point of all randomness (initial weights, shuffling, dropout): the same seed gives exactly the same run.</source>
        <translation>所有随机性的起点（初始权重、打乱顺序、暂退法）：相同的随机种子给出完全相同的运行。</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>CPU cores used for training; results do not depend on it (0 = all cores).</source>
        <translation>训练使用的 CPU 核心数；结果与它无关（0 = 全部核心）。</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>“%1” is not a valid %2: %3. The %2 stays %4.</source>
        <translation>“%1”不是有效的%2：%3。%2 保持为 %4。</translation>
    </message>
    <message>
        <source>%1 is far above the learning rates D2L uses (1e-5 … 10): the loss will likely explode. It is used as typed.</source>
        <translation>%1 远高于 D2L 使用的学习率（1e-5 … 10）：损失很可能会爆炸。仍按输入值使用。</translation>
    </message>
    <message>
        <source>%1 is far below the learning rates D2L uses (1e-5 … 10): the network will barely learn. It is used as typed.</source>
        <translation>%1 远低于 D2L 使用的学习率（1e-5 … 10）：网络几乎学不到东西。仍按输入值使用。</translation>
    </message>
    <message>
        <source>Nesterov needs momentum &gt; 0.</source>
        <translation>Nesterov 需要动量 &gt; 0。</translation>
    </message>
    <message>
        <source>The learning rate must be above 0.</source>
        <translation>学习率必须大于 0。</translation>
    </message>
    <message>
        <source>The cosine schedule needs more epochs (%1) than warm-up epochs (%2).</source>
        <translation>余弦调度需要的轮次数（%1）要多于预热轮次数（%2）。</translation>
    </message>
    <message>
        <source>The cosine schedule&apos;s final lr (%1) is above the learning rate (%2).</source>
        <translation>余弦调度的最终学习率（%1）高于学习率（%2）。</translation>
    </message>
    <message>
        <source>multi-factor</source>
        <translation>多因子</translation>
    </message>
    <message>
        <source>At epochs</source>
        <translation>在轮次</translation>
    </message>
    <message>
        <source>The epochs at which the multi-factor schedule multiplies the learning rate by γ, increasing and separated by commas (D2L: 15,30), counted after the warm-up.</source>
        <translation>多因子调度在这些轮次把学习率乘以 γ，轮次递增并以逗号分隔（D2L：15,30），从预热结束后开始计数。</translation>
    </message>
    <message>
        <source>What the step and multi-factor schedules multiply the learning rate by at each cut (0.1 = ten times smaller).</source>
        <translation>分段调度和多因子调度在每次下调时把学习率乘以的值（0.1 = 缩小到十分之一）。</translation>
    </message>
    <message>
        <source>The learning rate the cosine schedule comes down to (at the last epoch, or at the epoch set below); at most the learning rate.</source>
        <translation>余弦调度最终降到的学习率（在最后一个轮次，或在下面设置的轮次）；不超过学习率。</translation>
    </message>
    <message>
        <source>Final lr at epoch</source>
        <translation>最终学习率所在轮次</translation>
    </message>
    <message>
        <source>The epoch the cosine reaches the final lr and then stays there (D2L&apos;s max_update, warm-up included); 0 = the last epoch.</source>
        <translation>余弦调度到达最终学习率并从此保持不变的轮次（D2L 的 max_update，包括预热）；0 = 最后一个轮次。</translation>
    </message>
    <message>
        <source>the last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Warm-up starts</source>
        <translation>预热起点</translation>
    </message>
    <message>
        <source>Design…</source>
        <translation>设计…</translation>
    </message>
    <message>
        <source>Opens the schedule designer, which previews the learning rate of every epoch.</source>
        <translation>打开调度设计器，预览每个轮次的学习率。</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Ticked: the warm-up rises from this lr, as D2L&apos;s CosineScheduler (warmup_begin_lr). Unticked: it rises lr/W, 2·lr/W, …, lr.</source>
        <translation>勾选：预热从这个学习率开始上升，与 D2L 的 CosineScheduler（warmup_begin_lr）相同。不勾选：依次升为 lr/W、2·lr/W、…、lr。</translation>
    </message>
</context>
<context>
    <name>ImageSizeBox</name>
    <message>
        <source>original (%1 × %1)</source>
        <translation>原始（%1 × %1）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
</context>
<context>
    <name>LabSettingsPanel</name>
    <message>
        <source>Sets the learning rate η of every optimizer at once (Adadelta has none in D2L)</source>
        <translation>一次设置所有优化器的学习率 η（D2L 中 Adadelta 没有学习率）</translation>
    </message>
    <message>
        <source>Seed of SGD&apos;s N(0, 1) gradient noise (D2L §11.4)</source>
        <translation>SGD 的 N(0, 1) 梯度噪声的随机种子（D2L §11.4）</translation>
    </message>
    <message>
        <source>η for all</source>
        <translation>统一 η</translation>
    </message>
    <message>
        <source>Momentum β</source>
        <translation>动量 β</translation>
    </message>
    <message>
        <source>RMSProp γ</source>
        <translation>RMSProp γ</translation>
    </message>
    <message>
        <source>Adadelta ρ</source>
        <translation>Adadelta ρ</translation>
    </message>
    <message>
        <source>Adam β1</source>
        <translation>Adam β1</translation>
    </message>
    <message>
        <source>Adam β2</source>
        <translation>Adam β2</translation>
    </message>
    <message>
        <source>ε (AdaGrad, RMSProp, Adam)</source>
        <translation>ε（AdaGrad、RMSProp、Adam）</translation>
    </message>
    <message>
        <source>ε (Adadelta)</source>
        <translation>ε（Adadelta）</translation>
    </message>
    <message>
        <source>SGD noise seed</source>
        <translation>SGD 噪声随机种子</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Start (x1, x2)</source>
        <translation>起点 (x1, x2)</translation>
    </message>
</context>
<context>
    <name>LayerCategory</name>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>规范化</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>块</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LayerInspector</name>
    <message>
        <source>No layer selected</source>
        <translation>未选择层</translation>
    </message>
    <message>
        <source>Select a node on the canvas to edit its settings.</source>
        <translation>在画布上选择一个节点以编辑其设置。</translation>
    </message>
    <message>
        <source>Unknown layer type</source>
        <translation>未知的层类型</translation>
    </message>
    <message>
        <source>%1 — the network&apos;s input</source>
        <translation>%1 — 网络的输入</translation>
    </message>
    <message>
        <source>One example of the data set; training adds the batch axis in front.</source>
        <translation>数据集中的一个样本；训练时会在前面加上批量轴。</translation>
    </message>
    <message>
        <source>shape: set by the data set</source>
        <translation>形状：由数据集决定</translation>
    </message>
    <message>
        <source>shape %1 per example</source>
        <translation>每个样本的形状为 %1</translation>
    </message>
    <message>
        <source>✔ comes from the data set</source>
        <translation>✔ 来自数据集</translation>
    </message>
    <message>
        <source>output — the network&apos;s result</source>
        <translation>输出 — 网络的结果</translation>
    </message>
    <message>
        <source>What node &apos;%1&apos; computes for one example: the scores the loss compares with the labels.</source>
        <translation>节点“%1”对一个样本计算的内容：损失函数拿来与标签比较的分数。</translation>
    </message>
    <message>
        <source>shape unknown</source>
        <translation>形状未知</translation>
    </message>
    <message>
        <source>✔ shapes fit</source>
        <translation>✔ 形状匹配</translation>
    </message>
    <message>
        <source>e.g. 3, 3</source>
        <translation>例如 3, 3</translation>
    </message>
    <message>
        <source>in %1 → out %2&lt;br&gt;%3 params · %4</source>
        <translation>输入 %1 → 输出 %2&lt;br&gt;%3 个参数 · %4</translation>
    </message>
    <message>
        <source>waiting for its inputs to be fixed</source>
        <translation>正在等待其输入确定</translation>
    </message>
</context>
<context>
    <name>LayerPalette</name>
    <message>
        <source>Drag a layer onto the canvas</source>
        <translation>把层拖到画布上</translation>
    </message>
    <message>
        <source>Blocks (%1)</source>
        <translation>块（%1）</translation>
    </message>
</context>
<context>
    <name>LearnMenu</name>
    <message>
        <source>The action &quot;%1&quot; names no preset.</source>
        <translation>动作“%1”没有指明预设。</translation>
    </message>
    <message>
        <source>The preset &quot;%1&quot; could not be loaded.</source>
        <translation>无法加载预设“%1”。</translation>
    </message>
    <message>
        <source>There is no ready-made ablation called &quot;%1&quot;.</source>
        <translation>没有名为“%1”的现成消融实验。</translation>
    </message>
    <message>
        <source>Unknown lab action &quot;%1&quot;.</source>
        <translation>未知的实验室动作“%1”。</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>课程(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Optimizer Lab…</source>
        <translation>优化器实验室(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Race Optimizers…</source>
        <translation>优化器竞赛(&amp;R)…</translation>
    </message>
    <message>
        <source>Learning-Rate &amp;Schedule…</source>
        <translation>学习率调度(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Change One Thing…</source>
        <translation>只改一处(&amp;C)…</translation>
    </message>
    <message>
        <source>Book &amp;Ablations</source>
        <translation>书中的消融实验(&amp;A)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;Tensor Playground…</source>
        <translation>张量游乐场(&amp;T)…</translation>
    </message>
    <message>
        <source>Autograd &amp;Graph…</source>
        <translation>自动微分计算图(&amp;G)…</translation>
    </message>
    <message>
        <source>%1: %2 against %3</source>
        <translation>%1：%2 对比 %3</translation>
    </message>
    <message>
        <source>The two runs differ only in %1; any gap between their curves is its effect.</source>
        <translation>两次运行只在%1上不同；它们曲线之间的任何差距都是它的效果。</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
</context>
<context>
    <name>LessonLibrary</name>
    <message>
        <source>%1: the field &quot;%2&quot; is missing or is not a text.</source>
        <translation>%1：字段“%2”缺失或不是文本。</translation>
    </message>
    <message>
        <source>%1: the field &quot;%2&quot; is missing or is not {&quot;en&quot;: …, &quot;zh_CN&quot;: …}.</source>
        <translation>%1：字段“%2”缺失或不是 {&quot;en&quot;: …, &quot;zh_CN&quot;: …}。</translation>
    </message>
    <message>
        <source>%1: the field &quot;%2&quot; must be a chapter number.</source>
        <translation>%1：字段“%2”必须是章号。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is missing or is not a list.</source>
        <translation>字段“%1”缺失或不是列表。</translation>
    </message>
    <message>
        <source>Chapter entry %1</source>
        <translation>章条目 %1</translation>
    </message>
    <message>
        <source>%1 is not an object.</source>
        <translation>%1 不是对象。</translation>
    </message>
    <message>
        <source>Lesson %1 is not an object.</source>
        <translation>课程 %1 不是对象。</translation>
    </message>
    <message>
        <source>Lesson %1</source>
        <translation>课程 %1</translation>
    </message>
    <message>
        <source>Lesson &quot;%1&quot;</source>
        <translation>课程“%1”</translation>
    </message>
    <message>
        <source>It is not valid JSON: %1 at line %2.</source>
        <translation>它不是有效的 JSON：%1，位于第 %2 行。</translation>
    </message>
    <message>
        <source>It is not a JSON object.</source>
        <translation>它不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The lessons file %1 cannot be read (%2): reinstall DiveLab, or set DIVELAB_RESOURCES to the folder holding lessons/lessons.json.</source>
        <translation>无法读取课程文件 %1（%2）：请重新安装 DiveLab，或把 DIVELAB_RESOURCES 设为包含 lessons/lessons.json 的文件夹。</translation>
    </message>
    <message>
        <source>Two lessons have the id &quot;%1&quot;.</source>
        <translation>有两个课程的 id 都是“%1”。</translation>
    </message>
    <message>
        <source>Lesson &quot;%1&quot;: chapter %2 is not in the list of chapters.</source>
        <translation>课程“%1”：第 %2 章不在章列表中。</translation>
    </message>
    <message>
        <source>The lessons file %1 is damaged. %2</source>
        <translation>课程文件 %1 已损坏。%2</translation>
    </message>
</context>
<context>
    <name>LessonPage</name>
    <message>
        <source>What to try</source>
        <translation>动手试一试</translation>
    </message>
    <message>
        <source>Key formula</source>
        <translation>关键公式</translation>
    </message>
    <message>
        <source>What to watch</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>D2L&apos;s reference result</source>
        <translation>D2L 的参考结果</translation>
    </message>
    <message>
        <source>Open in Lab</source>
        <translation>在实验室中打开</translation>
    </message>
    <message>
        <source>Mark as Done</source>
        <translation>标记为已完成</translation>
    </message>
    <message>
        <source>D2L §%1</source>
        <translation>D2L §%1</translation>
    </message>
    <message>
        <source>D2L Chinese edition §%1 (English edition §%2)</source>
        <translation>D2L 中文版 §%1（英文版 §%2）</translation>
    </message>
    <message>
        <source>D2L §%1 (Chinese edition §%2)</source>
        <translation>D2L §%1（中文版 §%2）</translation>
    </message>
    <message>
        <source>Loads the preset “%1” in the main window.</source>
        <translation>在主窗口中加载预设“%1”。</translation>
    </message>
    <message>
        <source>Opens the optimizer lab.</source>
        <translation>打开优化器实验室。</translation>
    </message>
    <message>
        <source>Opens the optimizer lab on the function “%1”.</source>
        <translation>在函数“%1”上打开优化器实验室。</translation>
    </message>
    <message>
        <source>Opens the optimizer race on a real network.</source>
        <translation>在真实网络上打开优化器竞赛。</translation>
    </message>
    <message>
        <source>Opens the ready-made ablation “%1”.</source>
        <translation>打开现成的消融实验“%1”。</translation>
    </message>
    <message>
        <source>Opens the learning-rate schedule designer.</source>
        <translation>打开学习率调度设计器。</translation>
    </message>
    <message>
        <source>Opens the tensor playground with %1</source>
        <translation>打开张量游乐场并运行 %1</translation>
    </message>
    <message>
        <source>Opens the autograd graph of %1</source>
        <translation>打开 %1 的自动微分计算图</translation>
    </message>
    <message>
        <source>Done ✓</source>
        <translation>已完成 ✓</translation>
    </message>
    <message>
        <source>Click to mark this lesson as not done</source>
        <translation>点击把这节课标记为未完成</translation>
    </message>
</context>
<context>
    <name>LessonTreeModel</name>
    <message>
        <source>Chapter %1 of the Chinese edition; chapter %2 of the English edition (d2l.ai)</source>
        <translation>中文版第 %1 章；英文版（d2l.ai）第 %2 章</translation>
    </message>
    <message>
        <source>%1 of this chapter&apos;s lessons done</source>
        <translation>本章已完成 %1 节课</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Chapter and lesson</source>
        <translation>章与课程</translation>
    </message>
</context>
<context>
    <name>LessonsWindow</name>
    <message>
        <source>Lessons — DiveLab</source>
        <translation>课程 — DiveLab</translation>
    </message>
    <message>
        <source>Chapters and sections are numbered as in D2L&apos;s Chinese edition (zh.d2l.ai); each lesson&apos;s page also gives the English edition&apos;s (d2l.ai) section.</source>
        <translation>章和节的编号与 D2L 中文版（zh.d2l.ai）相同；每节课的页面也给出英文版（d2l.ai）对应的节。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be opened.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>%1 of %2 lessons done</source>
        <translation>已完成 %1 节课，共 %2 节</translation>
    </message>
</context>
<context>
    <name>LossAccuracyPlot</name>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>loss per batch</source>
        <translation>每批量损失</translation>
    </message>
    <message>
        <source>smoothed loss</source>
        <translation>平滑损失</translation>
    </message>
    <message>
        <source>train loss (epoch)</source>
        <translation>训练损失（轮次）</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>MLM loss per batch</source>
        <translation>每批量 MLM 损失</translation>
    </message>
    <message>
        <source>NSP loss per batch</source>
        <translation>每批量 NSP 损失</translation>
    </message>
    <message>
        <source>MLM loss (epoch)</source>
        <translation>MLM 损失（轮次）</translation>
    </message>
    <message>
        <source>NSP loss (epoch)</source>
        <translation>NSP 损失（轮次）</translation>
    </message>
    <message>
        <source>NSP accuracy</source>
        <translation>NSP 准确率</translation>
    </message>
    <message>
        <source>best test accuracy</source>
        <translation>最佳测试准确率</translation>
    </message>
    <message>
        <source>reference %1%</source>
        <translation>参考值 %1%</translation>
    </message>
    <message>
        <source>best test accuracy (epoch %1)</source>
        <translation>最佳测试准确率（轮次 %1）</translation>
    </message>
    <message>
        <source>Best test accuracy %1 at epoch %2 (★), last epoch %3:
the dip is SGD noise from the last batches, not lost learning.
Learning-rate decay (D2L §12.11) or early stopping (§5.5) keeps the best.</source>
        <translation>最佳测试准确率 %1 出现在轮次 %2（★），最后一个轮次为 %3：
下降是最后几个批量带来的 SGD 噪声，并不是学到的东西丢了。
学习率衰减（D2L §12.11）或提前停止（§5.5）可以保留最佳结果。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Loss &amp;&amp; accuracy</source>
        <translation>损失和准确率</translation>
    </message>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation>批量规范化</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Learn</source>
        <translation>学习(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Experiment</source>
        <translation>新建实验(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Include Trained &amp;Weights in Projects</source>
        <translation>在项目中包含训练好的权重(&amp;W)</translation>
    </message>
    <message>
        <source>Save the trained weights in the project file, so opening it shows the trained model</source>
        <translation>把训练好的权重保存在项目文件中，这样打开它时会显示训练好的模型</translation>
    </message>
    <message>
        <source>Open &amp;Trained Model…</source>
        <translation>打开训练好的模型(&amp;T)…</translation>
    </message>
    <message>
        <source>A model exported by DiveLab (.json + .safetensors), or the checkpoint.safetensors that an exported PyTorch project&apos;s train.py wrote</source>
        <translation>DiveLab 导出的模型（.json + .safetensors），或导出的 PyTorch 项目的 train.py 写出的 checkpoint.safetensors</translation>
    </message>
    <message>
        <source>Open &amp;Network…</source>
        <translation>打开网络(&amp;N)…</translation>
    </message>
    <message>
        <source>Save Network As…</source>
        <translation>网络另存为…</translation>
    </message>
    <message>
        <source>Export &amp;Trained Model…</source>
        <translation>导出训练好的模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Export Trained Model as &amp;ONNX…</source>
        <translation>将训练好的模型导出为 &amp;ONNX…</translation>
    </message>
    <message>
        <source>One .onnx file (opset 17) that ONNX Runtime and other inference runtimes run</source>
        <translation>一个 .onnx 文件（opset 17），可由 ONNX Runtime 和其他推理运行时运行</translation>
    </message>
    <message>
        <source>Export Trained Model as P&amp;yTorch Project…</source>
        <translation>将训练好的模型导出为 P&amp;yTorch 项目…</translation>
    </message>
    <message>
        <source>A folder with model.py, train.py (one process, or many with torchrun) and the weights</source>
        <translation>一个包含 model.py、train.py（单进程，或用 torchrun 多进程）和权重的文件夹</translation>
    </message>
    <message>
        <source>Export &amp;Plots…</source>
        <translation>导出图表(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;Metrics (CSV)…</source>
        <translation>导出指标 (CSV)(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Training Views</source>
        <translation>训练视图(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>Other presets</source>
        <translation>其他预设</translation>
    </message>
    <message>
        <source>The preset %1</source>
        <translation>预设 %1</translation>
    </message>
    <message>
        <source>%1 (preset %2)</source>
        <translation>%1（预设 %2）</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;tep One Batch</source>
        <translation>单步运行一个批量(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Train is disabled: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Could not load preset %1: %2</source>
        <translation>无法加载预设 %1：%2</translation>
    </message>
    <message>
        <source>Load preset %1</source>
        <translation>加载预设 %1</translation>
    </message>
    <message>
        <source>Training is running: stop it (Shift+F5) before opening a model.</source>
        <translation>正在训练：请先停止（Shift+F5）再打开模型。</translation>
    </message>
    <message>
        <source>Open trained model %1</source>
        <translation>打开训练好的模型 %1</translation>
    </message>
    <message>
        <source>Open trained model</source>
        <translation>打开训练好的模型</translation>
    </message>
    <message>
        <source>Trained models (*.json *.safetensors);;DiveLab models (*.json);;Checkpoints of an exported PyTorch project (*.safetensors)</source>
        <translation>训练好的模型 (*.json *.safetensors);;DiveLab 模型 (*.json);;导出的 PyTorch 项目的检查点 (*.safetensors)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The trained weights were not restored: %1</source>
        <translation>未能恢复训练好的权重：%1</translation>
    </message>
    <message>
        <source>Training did not start: the data set cannot be loaded.</source>
        <translation>训练未开始：无法加载数据集。</translation>
    </message>
    <message>
        <source>The data set cannot be loaded: %1</source>
        <translation>无法加载数据集：%1</translation>
    </message>
    <message>
        <source>Training cannot start: %1</source>
        <translation>无法开始训练：%1</translation>
    </message>
    <message>
        <source>Loading data… %1 % (training starts when it is loaded)</source>
        <translation>正在加载数据… %1 %（加载完成后开始训练）</translation>
    </message>
    <message>
        <source>Loading data… %1 %</source>
        <translation>正在加载数据… %1 %</translation>
    </message>
    <message>
        <source>Train will start when the data is loaded.</source>
        <translation>数据加载完成后将开始训练。</translation>
    </message>
    <message>
        <source>No data set is loaded.</source>
        <translation>未加载数据集。</translation>
    </message>
    <message>
        <source>Train the network (F5) as soon as the data set is loaded</source>
        <translation>数据集一加载完就训练网络（F5）</translation>
    </message>
    <message>
        <source>Train the network (F5)</source>
        <translation>训练网络（F5）</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>From scratch</source>
        <translation>从零开始</translation>
    </message>
    <message>
        <source>The pretrained model was not kept: %1</source>
        <translation>未保留预训练模型：%1</translation>
    </message>
    <message>
        <source>Kept as the last pretrained %1: %2</source>
        <translation>已保留为最近预训练的 %1：%2</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Images (*.png *.pdf *.svg)</source>
        <translation>图像 (*.png *.pdf *.svg)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Open network</source>
        <translation>打开网络</translation>
    </message>
    <message>
        <source>Networks (*.json)</source>
        <translation>网络 (*.json)</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Save network</source>
        <translation>保存网络</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Build, train and watch a network in a few steps</source>
        <translation>用几个步骤构建、训练并观察一个网络</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Every command that has a key</source>
        <translation>所有带快捷键的命令</translation>
    </message>
    <message>
        <source>&amp;About DiveLab</source>
        <translation>关于 DiveLab(&amp;A)</translation>
    </message>
    <message>
        <source>About DiveLab</source>
        <translation>关于 DiveLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DiveLab %1&lt;/h3&gt;&lt;p&gt;A desktop lab for learning deep learning, following the book &lt;i&gt;Dive into Deep Learning&lt;/i&gt; (d2l.ai).&lt;/p&gt;&lt;p&gt;Everything runs locally on your CPU.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DiveLab %1&lt;/h3&gt;&lt;p&gt;一个用于学习深度学习的桌面实验室，以《动手学深度学习》（&lt;i&gt;Dive into Deep Learning&lt;/i&gt;，zh.d2l.ai）一书为线索。&lt;/p&gt;&lt;p&gt;一切都在你的 CPU 上本地运行。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>The project&apos;s data set &quot;%1&quot; is not available here; choose another in the Data set panel.</source>
        <translation>项目的数据集“%1”在这里不可用；请在“数据集”面板中另选一个。</translation>
    </message>
    <message>
        <source>Training is running: stop it (Shift+F5) before opening a project.</source>
        <translation>正在训练：请先停止（Shift+F5）再打开项目。</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>DiveLab projects (*.divelab);;All files (*)</source>
        <translation>DiveLab 项目 (*.divelab);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 could not be opened.

%2

Nothing was changed.</source>
        <translation>无法打开 %1。

%2

没有做任何更改。</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>The project could not be saved.

%1

The previous file, if any, is unchanged.</source>
        <translation>无法保存项目。

%1

之前的文件（如果有）保持不变。</translation>
    </message>
    <message>
        <source>DiveLab projects (*.divelab)</source>
        <translation>DiveLab 项目 (*.divelab)</translation>
    </message>
    <message>
        <source>There is no trained model yet: train the network first (F5).</source>
        <translation>还没有训练好的模型：请先训练网络（F5）。</translation>
    </message>
    <message>
        <source>Export trained model</source>
        <translation>导出训练好的模型</translation>
    </message>
    <message>
        <source>DiveLab models (*.json *.safetensors)</source>
        <translation>DiveLab 模型 (*.json *.safetensors)</translation>
    </message>
    <message>
        <source>Saved the model as %1 (architecture) and .safetensors (weights)</source>
        <translation>模型已保存为 %1（架构）和 .safetensors（权重）</translation>
    </message>
    <message>
        <source>Export trained model as ONNX</source>
        <translation>将训练好的模型导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Export as ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <source>Saved the model as %1 (ONNX, opset 17)</source>
        <translation>模型已保存为 %1（ONNX，opset 17）</translation>
    </message>
    <message>
        <source>Export trained model as a PyTorch project (a new folder)</source>
        <translation>将训练好的模型导出为 PyTorch 项目（一个新文件夹）</translation>
    </message>
    <message>
        <source>Export as PyTorch project</source>
        <translation>导出为 PyTorch 项目</translation>
    </message>
    <message>
        <source>Wrote the PyTorch project %1: run python3 train.py there, or torchrun</source>
        <translation>已写出 PyTorch 项目 %1：在那里运行 python3 train.py，或使用 torchrun</translation>
    </message>
    <message>
        <source>New experiment</source>
        <translation>新建实验</translation>
    </message>
    <message>
        <source>New experiment: drag layers from the palette onto the canvas.</source>
        <translation>新实验：把层从层面板拖到画布上。</translation>
    </message>
    <message>
        <source>The autosaved experiment cannot be read: %1</source>
        <translation>无法读取自动保存的实验：%1</translation>
    </message>
    <message>
        <source>Restore autosaved experiment</source>
        <translation>恢复自动保存的实验</translation>
    </message>
    <message>
        <source>Restored the autosaved experiment. Save it with Ctrl+S.</source>
        <translation>已恢复自动保存的实验。用 Ctrl+S 保存它。</translation>
    </message>
    <message>
        <source>DiveLab did not close normally. An experiment autosaved on %1 can be restored.</source>
        <translation>DiveLab 上次没有正常关闭。可以恢复 %1 自动保存的实验。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>是否保存对 %1 的更改？</translation>
    </message>
    <message>
        <source>%1[*] — DiveLab</source>
        <translation>%1[*] — DiveLab</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
</context>
<context>
    <name>MetricsHistory</name>
    <message>
        <source> (and 1 more layer)</source>
        <translation>（另有 1 个层）</translation>
    </message>
    <message>
        <source> (and %1 more layers)</source>
        <translation>（另有 %1 个层）</translation>
    </message>
    <message>
        <source>Exploding gradients in layer %1: norm %2 (above %3)%4. The weights take huge steps; try a smaller learning rate, gradient clipping or normalisation layers.</source>
        <translation>层 %1 中梯度爆炸：范数 %2（高于 %3）%4。权重的步长过大；请尝试更小的学习率、梯度裁剪或规范化层。</translation>
    </message>
    <message>
        <source>Vanishing gradients in layer %1: norm %2 (below %3)%4. This layer has almost stopped learning; try ReLU instead of sigmoid/tanh, a better initialisation, batch normalisation or residual connections.</source>
        <translation>层 %1 中梯度消失：范数 %2（低于 %3）%4。这个层几乎停止了学习；请尝试用 ReLU 代替 sigmoid/tanh、更好的初始化、批量规范化或残差连接。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>NetworkDocument</name>
    <message>
        <source>the network has no layers</source>
        <translation>网络没有层</translation>
    </message>
    <message>
        <source>Arrange network</source>
        <translation>整理网络布局</translation>
    </message>
    <message>
        <source>Unknown layer type &apos;%1&apos;</source>
        <translation>未知的层类型“%1”</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>删除 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot connect &apos;%1&apos; to &apos;%2&apos;: no such node</source>
        <translation>无法把“%1”连接到“%2”：没有这个节点</translation>
    </message>
    <message>
        <source>Cannot connect &apos;%1&apos; to itself</source>
        <translation>无法把“%1”连接到它自身</translation>
    </message>
    <message>
        <source>Connecting &apos;%1&apos; → &apos;%2&apos; would make a cycle: &apos;%1&apos; already depends on &apos;%2&apos;</source>
        <translation>连接“%1”→“%2”会形成环：“%1”已经依赖于“%2”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; already feeds &apos;%2&apos;</source>
        <translation>“%1”已经连到“%2”</translation>
    </message>
    <message>
        <source>Connecting &apos;%1&apos; → &apos;%2&apos; would make a cycle</source>
        <translation>连接“%1”→“%2”会形成环</translation>
    </message>
    <message>
        <source>Connect %1 → %2</source>
        <translation>连接 %1 → %2</translation>
    </message>
    <message>
        <source>Disconnect %1 → %2</source>
        <translation>断开 %1 → %2</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n edge(s)</source>
        <translation>
            <numerusform>断开 %n 条边</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>粘贴 %n 个节点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NetworkOverview</name>
    <message>
        <source>Overview of the whole network: click or drag to scroll the editor there</source>
        <translation>整个网络的概览：点击或拖动可将编辑器滚动到该处</translation>
    </message>
</context>
<context>
    <name>NetworkScene</name>
    <message>
        <source>⚠ wrong output shape: %1</source>
        <translation>⚠ 输出形状错误：%1</translation>
    </message>
    <message>
        <source>The network&apos;s input</source>
        <translation>网络的输入</translation>
    </message>
    <message>
        <source>The network&apos;s input &apos;%1&apos;</source>
        <translation>网络的输入“%1”</translation>
    </message>
    <message>
        <source>(shape from data set)</source>
        <translation>（形状来自数据集）</translation>
    </message>
    <message>
        <source>%1: one example of shape %2 (the batch axis is added in training)</source>
        <translation>%1：一个形状为 %2 的样本（训练时会加上批量轴）</translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>no params</source>
        <translation>无参数</translation>
    </message>
    <message>
        <source>waiting for its inputs</source>
        <translation>正在等待其输入</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>未分析</translation>
    </message>
    <message>
        <source>The network&apos;s output (node &apos;%1&apos;): %2 per example</source>
        <translation>网络的输出（节点“%1”）：每个样本 %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;%3&lt;br&gt;out: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（%2）&lt;br&gt;%3&lt;br&gt;输出：%4</translation>
    </message>
</context>
<context>
    <name>NetworkSummaryBar</name>
    <message>
        <source>Zoom: Ctrl+wheel or Ctrl++ / Ctrl+- zoom, Ctrl+0 fits the network, Ctrl+1 is 100 %.
Middle-drag or Space+drag pans.</source>
        <translation>缩放：Ctrl+滚轮或 Ctrl++ / Ctrl+- 缩放，Ctrl+0 适应网络，Ctrl+1 为 100 %。
按住中键拖动或 Space+拖动可平移。</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in; Ctrl+wheel zooms too</source>
        <translation>放大；Ctrl+滚轮也可以缩放</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out; Ctrl+wheel zooms too</source>
        <translation>缩小；Ctrl+滚轮也可以缩放</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>实际大小 (100 %)(&amp;A)</translation>
    </message>
    <message>
        <source>Show the network at 100 %</source>
        <translation>以 100 % 显示网络</translation>
    </message>
    <message>
        <source>&amp;Fit Network</source>
        <translation>适应网络(&amp;F)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show as much of the network as stays readable</source>
        <translation>在保持可读的前提下尽可能多地显示网络</translation>
    </message>
    <message>
        <source>A&amp;rrange Network</source>
        <translation>整理网络布局(&amp;R)</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>整理</translation>
    </message>
    <message>
        <source>Lay the network out again, long chains in columns side by side; Undo restores your layout</source>
        <translation>重新排列网络，长链按列并排放置；“撤销”可恢复你的布局</translation>
    </message>
    <message>
        <source>Drag layers here from the palette</source>
        <translation>从层面板把层拖到这里</translation>
    </message>
    <message>
        <source>output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message>
        <source>⚠ cannot build: see the red node</source>
        <translation>⚠ 无法构建：请看红色节点</translation>
    </message>
    <message>
        <source>⚠ output does not fit the data</source>
        <translation>⚠ 输出与数据不匹配</translation>
    </message>
    <message>
        <source>%1 params · %2 per example</source>
        <translation>%1 个参数 · 每个样本 %2</translation>
    </message>
</context>
<context>
    <name>NumberSpinBox</name>
    <message>
        <source>it is empty</source>
        <translation>它是空的</translation>
    </message>
    <message>
        <source>it is not a number</source>
        <translation>它不是数字</translation>
    </message>
    <message>
        <source>it must be above 0</source>
        <translation>它必须大于 0</translation>
    </message>
    <message>
        <source>it must be 0 or more</source>
        <translation>它必须大于或等于 0</translation>
    </message>
    <message>
        <source>it must be above %1</source>
        <translation>它必须大于 %1</translation>
    </message>
    <message>
        <source>it must be at least %1</source>
        <translation>它必须至少为 %1</translation>
    </message>
    <message>
        <source>it must be below %1</source>
        <translation>它必须小于 %1</translation>
    </message>
    <message>
        <source>it must be at most %1</source>
        <translation>它必须至多为 %1</translation>
    </message>
</context>
<context>
    <name>OptimizerDescription</name>
    <message>
        <source>Stochastic gradient descent: steps against the gradient, optionally with momentum that accumulates past gradients to speed up along consistent directions (Nesterov looks ahead).</source>
        <translation>随机梯度下降：沿梯度的反方向迈步，可选用动量累积过去的梯度，在方向一致时加速（Nesterov 会向前看一步）。</translation>
    </message>
    <message>
        <source>AdaGrad: gives every weight its own step size, shrinking with the sum of all its past squared gradients; good for rare features, but learning slows down over time.</source>
        <translation>AdaGrad：给每个权重各自的步长，随其过去所有梯度平方之和而缩小；适合稀有特征，但学习会随时间变慢。</translation>
    </message>
    <message>
        <source>RMSProp: divides each weight&apos;s step by a running average of its recent gradient sizes, so steps adapt per weight without shrinking forever as in AdaGrad.</source>
        <translation>RMSProp：把每个权重的步长除以其近期梯度大小的滑动平均，使步长按权重自适应，而不会像 AdaGrad 那样一直缩小。</translation>
    </message>
    <message>
        <source>Adadelta: like RMSProp, but sizes each step by a running average of its own past updates, so it needs no real learning rate (lr is a plain multiplier, usually 1).</source>
        <translation>Adadelta：与 RMSProp 类似，但用自身过去更新量的滑动平均来决定步长，因此不需要真正的学习率（lr 只是一个乘数，通常为 1）。</translation>
    </message>
    <message>
        <source>Adam: momentum (a running average of gradients) plus RMSProp&apos;s per-weight scaling, with bias correction for the first steps; a robust default.</source>
        <translation>Adam：动量（梯度的滑动平均）加上 RMSProp 的逐权重缩放，并对最初几步做偏差修正；稳健的默认选择。</translation>
    </message>
    <message>
        <source>AdamW: Adam with decoupled weight decay, which shrinks the weights directly instead of adding an L2 term to the gradient that Adam&apos;s scaling would weaken.</source>
        <translation>AdamW：带解耦权重衰减的 Adam，直接缩小权重，而不是在梯度上加一个会被 Adam 的缩放削弱的 L2 项。</translation>
    </message>
</context>
<context>
    <name>OptimizerLab</name>
    <message>
        <source>GD</source>
        <translation>GD</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>velocity v</source>
        <translation>速度 v</translation>
    </message>
    <message>
        <source>s (sum of g²)</source>
        <translation>s（g² 之和）</translation>
    </message>
    <message>
        <source>s (leaky avg. of g²)</source>
        <translation>s（g² 的泄漏平均）</translation>
    </message>
    <message>
        <source>Δx (leaky avg. of update²)</source>
        <translation>Δx（更新量² 的泄漏平均）</translation>
    </message>
    <message>
        <source>m (1st moment)</source>
        <translation>m（一阶矩）</translation>
    </message>
    <message>
        <source>v (2nd moment)</source>
        <translation>v（二阶矩）</translation>
    </message>
    <message>
        <source>m hat = m/(1−β1^t)</source>
        <translation>m 修正值 = m/(1−β1^t)</translation>
    </message>
    <message>
        <source>v hat = v/(1−β2^t)</source>
        <translation>v 修正值 = v/(1−β2^t)</translation>
    </message>
    <message>
        <source>noisy gradient (g + noise)</source>
        <translation>含噪梯度（g + 噪声）</translation>
    </message>
</context>
<context>
    <name>OptimizerLabWindow</name>
    <message>
        <source>Optimizer Lab — D2L ch. 11</source>
        <translation>优化器实验室 — D2L 第 11 章</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>%1 stopped: %2</source>
        <translation>%1 已停止：%2</translation>
    </message>
</context>
<context>
    <name>OptimizerPicker</name>
    <message>
        <source>η</source>
        <translation>η</translation>
    </message>
    <message>
        <source>none (D2L §11.9)</source>
        <translation>无（D2L §11.9）</translation>
    </message>
    <message>
        <source>Adadelta has no learning rate: its step is rescaled by the leaky average of past updates.</source>
        <translation>Adadelta 没有学习率：它的步长按过去更新量的泄漏平均重新缩放。</translation>
    </message>
    <message>
        <source>Learning rate η of %1</source>
        <translation>%1 的学习率 η</translation>
    </message>
</context>
<context>
    <name>OptimizerRace</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum 0.9</source>
        <translation>SGD + 动量 0.9</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adadelta</source>
        <translation>Adadelta</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>&amp;Race</source>
        <translation>开始竞赛(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Test accuracy per epoch</source>
        <translation>每个轮次的测试准确率</translation>
    </message>
    <message>
        <source>Optimizers (same network, seed and data)</source>
        <translation>优化器（相同的网络、随机种子和数据）</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>赛道 %1</translation>
    </message>
    <message>
        <source>lr </source>
        <translation>学习率 </translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮次数：</translation>
    </message>
    <message>
        <source>Training examples:</source>
        <translation>训练样本数：</translation>
    </message>
    <message>
        <source>Network: %1 on %2, batch size %3, seed %4. Every lane trains it from the same initial weights on the same batches; only the optimizer differs.</source>
        <translation>网络：%1，数据集 %2，批量大小 %3，随机种子 %4。每条赛道都从相同的初始权重出发，在相同的批量上训练；只有优化器不同。</translation>
    </message>
    <message>
        <source>%1, lr %2</source>
        <translation>%1，学习率 %2</translation>
    </message>
    <message>
        <source>Choose at least two optimizers to race.</source>
        <translation>请至少选择两个优化器来竞赛。</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
</context>
<context>
    <name>PlaygroundExamples</name>
    <message>
        <source>§2.1 Data manipulation</source>
        <translation>§2.1 数据操作</translation>
    </message>
    <message>
        <source>§2.3 Linear algebra</source>
        <translation>§2.3 线性代数</translation>
    </message>
    <message>
        <source>§2.5 Automatic differentiation</source>
        <translation>§2.5 自动微分</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>No plot to export</source>
        <translation>没有要导出的图表</translation>
    </message>
    <message>
        <source>Cannot render the plot as PNG</source>
        <translation>无法将图表渲染为 PNG</translation>
    </message>
    <message>
        <source>Cannot render the plot as PDF</source>
        <translation>无法将图表渲染为 PDF</translation>
    </message>
    <message>
        <source>Cannot render the plot as SVG</source>
        <translation>无法将图表渲染为 SVG</translation>
    </message>
    <message>
        <source>Cannot render the view as %1</source>
        <translation>无法将视图渲染为 %1</translation>
    </message>
    <message>
        <source>No view to export</source>
        <translation>没有要导出的视图</translation>
    </message>
</context>
<context>
    <name>PositionalEncodingView</name>
    <message>
        <source>Rows of the table: positions 0 … n − 1 (D2L: 60).</source>
        <translation>表的行：位置 0 … n − 1（D2L：60）。</translation>
    </message>
    <message>
        <source>Columns of the table: the encoding dimension d (D2L: 32).</source>
        <translation>表的列：编码维度 d（D2L：32）。</translation>
    </message>
    <message>
        <source>The first column drawn as a curve (D2L: 6).</source>
        <translation>画成曲线的第一列（D2L：6）。</translation>
    </message>
    <message>
        <source>How many columns are drawn as curves (D2L: 4, columns 6–9).</source>
        <translation>画成曲线的列数（D2L：4，即第 6–9 列）。</translation>
    </message>
    <message>
        <source>P[i, j]</source>
        <translation>P[i, j]</translation>
    </message>
    <message>
        <source>column j (encoding dimension)</source>
        <translation>列 j（编码维度）</translation>
    </message>
    <message>
        <source>row i (position)</source>
        <translation>行 i（位置）</translation>
    </message>
    <message>
        <source>&amp;Positions:</source>
        <translation>位置数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Dimensions:</source>
        <translation>维度(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Curves from column:</source>
        <translation>曲线起始列(&amp;C)：</translation>
    </message>
    <message>
        <source>c&amp;ount:</source>
        <translation>列数(&amp;O)：</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>第 %1 列</translation>
    </message>
</context>
<context>
    <name>PredictionsView</name>
    <message>
        <source>The first test images with their true class and, below it, the class the network predicts: red when it is wrong.</source>
        <translation>前几张测试图像，带有真实类别，下方是网络预测的类别：预测错误时显示为红色。</translation>
    </message>
    <message numerus="yes">
        <source>The first %n test image(s) and their classes; predictions follow after each epoch.</source>
        <translation>
            <numerusform>前 %n 张测试图像及其类别；每个轮次之后会显示预测。</numerusform>
        </translation>
    </message>
    <message>
        <source>Epoch %1: %2 of the first %3 test images predicted wrong (red).</source>
        <translation>轮次 %1：前 %3 张测试图像中有 %2 张预测错误（红色）。</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <source>This data set has no test images to predict.</source>
        <translation>这个数据集没有可预测的测试图像。</translation>
    </message>
    <message>
        <source>Predictions are shown for image classification data sets.</source>
        <translation>图像分类数据集会显示预测。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System (follows the system language)</source>
        <translation>跟随系统（使用系统语言）</translation>
    </message>
    <message>
        <source>The new language applies when DiveLab restarts.</source>
        <translation>新的语言将在 DiveLab 重新启动后生效。</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>PresetChapter</name>
    <message>
        <source>3–4 Linear neural networks</source>
        <translation>3–4 线性神经网络</translation>
    </message>
    <message>
        <source>5 Multilayer perceptrons</source>
        <translation>5 多层感知机</translation>
    </message>
    <message>
        <source>7 Convolutional neural networks</source>
        <translation>7 卷积神经网络</translation>
    </message>
    <message>
        <source>8 Modern convolutional neural networks</source>
        <translation>8 现代卷积神经网络</translation>
    </message>
    <message>
        <source>9 Recurrent neural networks</source>
        <translation>9 循环神经网络</translation>
    </message>
    <message>
        <source>10 Modern recurrent neural networks</source>
        <translation>10 现代循环神经网络</translation>
    </message>
    <message>
        <source>11 Attention mechanisms and Transformers</source>
        <translation>11 注意力机制与 Transformer</translation>
    </message>
    <message>
        <source>14 Natural language processing: pretraining</source>
        <translation>14 自然语言处理：预训练</translation>
    </message>
    <message>
        <source>15 Natural language processing: applications</source>
        <translation>15 自然语言处理：应用</translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>before training</source>
        <translation>训练前</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>There are no frames to write.</source>
        <translation>没有可写入的帧。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>移动 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Set %1.%2</source>
        <translation>设置 %1.%2</translation>
    </message>
    <message>
        <source> gate</source>
        <translation> 门</translation>
    </message>
    <message>
        <source>%1 has no BERT vocabulary, so it is not a pretrained BERT (train the preset bert-tiny, or export one it trained)</source>
        <translation>%1 没有 BERT 词表，因此不是预训练的 BERT（请训练预设 bert-tiny，或导出它训练出的模型）</translation>
    </message>
</context>
<context>
    <name>QueryDetailView</name>
    <message>
        <source>score before softmax</source>
        <translation>softmax 之前的分数</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>H&amp;ead:</source>
        <translation>头(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Query row:</source>
        <translation>查询行(&amp;Q)：</translation>
    </message>
    <message>
        <source>Which query&apos;s row of the attention map is shown (rows count from 0, top first).</source>
        <translation>显示注意力图中哪个查询的那一行（行从 0 开始计数，从上往下）。</translation>
    </message>
    <message>
        <source>Train a network with an attention layer (e.g. the nadaraya-watson preset) to see one query&apos;s scores and weights.</source>
        <translation>训练一个带注意力层的网络（例如 nadaraya-watson 预设），即可看到一个查询的分数和权重。</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>scores not published by this layer</source>
        <translation>该层没有发布分数</translation>
    </message>
    <message>
        <source>%1, query row %2: scores and softmax weights — %3</source>
        <translation>%1，查询行 %2：分数和 softmax 权重 — %3</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
    <message>
        <source>before training</source>
        <translation>训练前</translation>
    </message>
</context>
<context>
    <name>RunStatusLabel</name>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>epoch %1/%2 · batch %3/%4</source>
        <translation>轮次 %1/%2 · 批量 %3/%4</translation>
    </message>
    <message>
        <source>step %1/%2 · epoch %3</source>
        <translation>步 %1/%2 · 轮次 %3</translation>
    </message>
    <message>
        <source> · BLEU %1</source>
        <translation> · BLEU %1</translation>
    </message>
    <message>
        <source>Paused at %1</source>
        <translation>暂停于 %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>%1 examples/s</source>
        <translation>%1 样本/秒</translation>
    </message>
    <message>
        <source>%1 · %2 · ETA %3</source>
        <translation>%1 · %2 · 预计剩余 %3</translation>
    </message>
    <message>
        <source>acc</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>train %1 %2</source>
        <translation>训练%1 %2</translation>
    </message>
    <message>
        <source>, test %1 %2</source>
        <translation>，测试%1 %2</translation>
    </message>
    <message>
        <source>, mean BLEU %1</source>
        <translation>，平均 BLEU %1</translation>
    </message>
    <message>
        <source>, MLM loss %1, NSP loss %2, NSP acc %3</source>
        <translation>，MLM 损失 %1，NSP 损失 %2，NSP 准确率 %3</translation>
    </message>
    <message>
        <source> · best %1 %2 %3 at epoch %4</source>
        <translation> · 最佳%1%2 %3，在轮次 %4</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Finished %1 steps: %2</source>
        <translation>已完成 %1 步：%2</translation>
    </message>
    <message>
        <source>Finished 1 epoch: %1</source>
        <translation>已完成 1 个轮次：%1</translation>
    </message>
    <message>
        <source>Finished %1 epochs: %2</source>
        <translation>已完成 %1 个轮次：%2</translation>
    </message>
    <message>
        <source>Stopped before the first epoch ended.</source>
        <translation>在第一个轮次结束前停止。</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 epochs: %3</source>
        <translation>在 %2 个轮次中的第 %1 个之后停止：%3</translation>
    </message>
    <message>
        <source>Diverged: see the message above the plots.</source>
        <translation>已发散：请看图表上方的消息。</translation>
    </message>
    <message>
        <source>Training failed: see the message above the plots.</source>
        <translation>训练失败：请看图表上方的消息。</translation>
    </message>
</context>
<context>
    <name>ScheduleDesigner</name>
    <message>
        <source>Learning-Rate Schedule Designer</source>
        <translation>学习率调度设计器</translation>
    </message>
    <message>
        <source>Apply to Experiment</source>
        <translation>应用到实验</translation>
    </message>
    <message>
        <source>Writes this schedule, base learning rate and number of epochs into the main window&apos;s training settings; the next run uses them.</source>
        <translation>把此调度、基础学习率和轮次数写入主窗口的训练设置；下一次运行就会使用它们。</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Constant keeps the rate; step and multi-factor cut it by a factor at given epochs; cosine lowers it smoothly, after a warm-up if you like.</source>
        <translation>常数保持学习率不变；分段和多因子在指定轮次按因子下调学习率；余弦则平滑地降低学习率，可选择先预热。</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>分段</translation>
    </message>
    <message>
        <source>multi-factor</source>
        <translation>多因子</translation>
    </message>
    <message>
        <source>cosine with warm-up</source>
        <translation>带预热的余弦</translation>
    </message>
    <message>
        <source>Base lr</source>
        <translation>基础学习率</translation>
    </message>
    <message>
        <source>The experiment&apos;s learning rate, which the schedule scales.</source>
        <translation>实验的学习率，调度对它进行缩放。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次数</translation>
    </message>
    <message>
        <source>The experiment&apos;s number of epochs.</source>
        <translation>实验的轮次数。</translation>
    </message>
    <message>
        <source>Every (epochs)</source>
        <translation>间隔（轮次）</translation>
    </message>
    <message>
        <source>The step schedule multiplies the learning rate by γ after this many epochs.</source>
        <translation>分段调度在这么多个轮次之后把学习率乘以 γ。</translation>
    </message>
    <message>
        <source>At epochs</source>
        <translation>在轮次</translation>
    </message>
    <message>
        <source>The epochs at which the multi-factor schedule multiplies the learning rate by γ, increasing and separated by commas (D2L: 15,30), counted after the warm-up.</source>
        <translation>多因子调度在这些轮次把学习率乘以 γ，轮次递增并以逗号分隔（D2L：15,30），从预热结束后开始计数。</translation>
    </message>
    <message>
        <source>Factor γ</source>
        <translation>因子 γ</translation>
    </message>
    <message>
        <source>What the learning rate is multiplied by at each cut (0.5 = halved).</source>
        <translation>每次下调时学习率所乘的值（0.5 = 减半）。</translation>
    </message>
    <message>
        <source>Final lr</source>
        <translation>最终学习率</translation>
    </message>
    <message>
        <source>The learning rate the cosine reaches; at most the base lr.</source>
        <translation>余弦调度到达的学习率；不超过基础学习率。</translation>
    </message>
    <message>
        <source>Final lr at epoch</source>
        <translation>最终学习率所在轮次</translation>
    </message>
    <message>
        <source>The epoch the cosine reaches the final lr and then stays there (D2L&apos;s max_update, warm-up included); 0 = the last epoch.</source>
        <translation>余弦调度到达最终学习率并从此保持不变的轮次（D2L 的 max_update，包括预热）；0 = 最后一个轮次。</translation>
    </message>
    <message>
        <source>the last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Warm-up (epochs)</source>
        <translation>预热（轮次）</translation>
    </message>
    <message>
        <source>Epochs over which the learning rate rises linearly to the base lr; 0 = none.</source>
        <translation>学习率在这么多个轮次内线性上升到基础学习率；0 = 不预热。</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Warm-up starts</source>
        <translation>预热起点</translation>
    </message>
    <message>
        <source>Logarithmic lr axis</source>
        <translation>对数学习率坐标轴</translation>
    </message>
    <message>
        <source>D2L&apos;s Cosine Example</source>
        <translation>D2L 的余弦示例</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>The same schedule for divelab-cli train.</source>
        <translation>divelab-cli train 使用的相同调度。</translation>
    </message>
    <message>
        <source>Separate the epochs with commas, e.g. 15,30.</source>
        <translation>用逗号分隔轮次，例如 15,30。</translation>
    </message>
    <message>
        <source>How the learning rate changes from epoch to epoch (D2L §11.11). The curve is what a run will use; “Apply to Experiment” puts it into the training settings.</source>
        <translation>学习率如何随轮次变化（D2L §11.11）。曲线就是一次运行将使用的学习率；“应用到实验”把它写入训练设置。</translation>
    </message>
    <message>
        <source>Ticked: the warm-up rises from this lr, as D2L&apos;s CosineScheduler (warmup_begin_lr). Unticked: it rises base/W, 2·base/W, …, base.</source>
        <translation>勾选：预热从这个学习率开始上升，与 D2L 的 CosineScheduler（warmup_begin_lr）相同。不勾选：依次升为 base/W、2·base/W、…、base。</translation>
    </message>
    <message>
        <source>D2L §11.11.3.3: 0.3 down to 0.01 by epoch 20 after 5 warm-up epochs from 0, over 30 epochs.</source>
        <translation>D2L §11.11.3.3：在从 0 开始的 5 个预热轮次之后，到第 20 个轮次从 0.3 降到 0.01，共 30 个轮次。</translation>
    </message>
</context>
<context>
    <name>SentencePairModel</name>
    <message>
        <source>Word tokens before &lt;eos&gt; and padding (D2L splits on single spaces; punctuation is a token).</source>
        <translation>&lt;eos&gt; 和填充之前的单词词元（D2L 按单个空格切分；标点是一个词元）。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源语言</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <source>Source tokens</source>
        <translation>源语言词元</translation>
    </message>
    <message>
        <source>Target tokens</source>
        <translation>目标语言词元</translation>
    </message>
</context>
<context>
    <name>SequenceViews</name>
    <message>
        <source>Sine wave</source>
        <translation>正弦波</translation>
    </message>
    <message>
        <source>Generated text</source>
        <translation>生成的文本</translation>
    </message>
    <message>
        <source>Gradient per step</source>
        <translation>每个时间步的梯度</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>门</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>SineWaveView</name>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>1-step preds</source>
        <translation>单步预测</translation>
    </message>
    <message>
        <source>%1-step preds</source>
        <translation>%1 步预测</translation>
    </message>
    <message>
        <source>The sine-wave forecasts are shown for the sine data set (preset seq-mlp, D2L §8.1).</source>
        <translation>正弦数据集（预设 seq-mlp，D2L §8.1）会显示正弦波预测。</translation>
    </message>
    <message>
        <source>Train the lag MLP to see its 1-step and k-step-ahead predictions.</source>
        <translation>训练滞后 MLP 即可看到它的单步和 k 步预测。</translation>
    </message>
</context>
<context>
    <name>StatePanel</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Internal state at the current step</source>
        <translation>当前步的内部状态</translation>
    </message>
</context>
<context>
    <name>StateTableModel</name>
    <message>
        <source>point x</source>
        <translation>点 x</translation>
    </message>
    <message>
        <source>gradient g</source>
        <translation>梯度 g</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>x1</source>
        <translation>x1</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>x2</source>
        <translation>x2</translation>
    </message>
</context>
<context>
    <name>StepGradientView</name>
    <message>
        <source>‖∂L/∂hₜ‖ of the latest probed batch: how much of the loss&apos;s gradient reaches the hidden state at each time step, for each row of the batch.</source>
        <translation>最近一个探测批量的 ‖∂L/∂hₜ‖：损失的梯度在每个时间步到达隐状态的大小，批量中的每一行各一条。</translation>
    </message>
    <message>
        <source>‖∂L/∂hₜ‖</source>
        <translation>‖∂L/∂hₜ‖</translation>
    </message>
    <message>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>batch row</source>
        <translation>批量行</translation>
    </message>
    <message>
        <source>mean over rows</source>
        <translation>各行平均</translation>
    </message>
    <message>
        <source>θ</source>
        <translation>θ</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>global norm</source>
        <translation>全局范数</translation>
    </message>
    <message>
        <source>before clipping</source>
        <translation>裁剪前</translation>
    </message>
    <message>
        <source>The gradient reaching each time step is shown for recurrent language models: choose The Time Machine and a recurrent preset (e.g. lstm).</source>
        <translation>循环语言模型会显示到达每个时间步的梯度：请选择《时间机器》和一个循环网络预设（例如 lstm）。</translation>
    </message>
    <message>
        <source>The network has no recurrent layer (RNN, GRU or LSTM) whose time steps could be shown.</source>
        <translation>这个网络没有可显示时间步的循环层（RNN、GRU 或 LSTM）。</translation>
    </message>
    <message>
        <source>Train to see how much gradient reaches each time step of %1.</source>
        <translation>训练后即可看到有多少梯度到达 %1 的每个时间步。</translation>
    </message>
    <message>
        <source>Step %1: mean ‖∂L/∂hₜ‖ %2 at t = 1, %3 at t = %4 (the last step, nearest the loss).</source>
        <translation>第 %1 步：t = 1 时平均 ‖∂L/∂hₜ‖ 为 %2，t = %4 时为 %3（最后一步，离损失最近）。</translation>
    </message>
    <message>
        <source>Global norm %1; %2.</source>
        <translation>全局范数 %1；%2。</translation>
    </message>
    <message>
        <source>clipped to θ = %1 when above</source>
        <translation>超过 θ = %1 时裁剪到 θ</translation>
    </message>
    <message>
        <source>clipping is off</source>
        <translation>梯度裁剪已关闭</translation>
    </message>
</context>
<context>
    <name>TensorPlayground</name>
    <message>
        <source>Tensor Playground</source>
        <translation>张量游乐场</translation>
    </message>
    <message>
        <source>Type a line such as  x = arange(12)  below and press Enter, or click an example.</source>
        <translation>在下方输入一行，例如  x = arange(12)  ，然后按 Enter，或点击一个示例。</translation>
    </message>
    <message>
        <source>x = arange(12).reshape(3, 4)</source>
        <translation>x = arange(12).reshape(3, 4)</translation>
    </message>
    <message>
        <source>Examples from D2L ch. 2 (click to run):</source>
        <translation>D2L 第 2 章的示例（点击运行）：</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>shape %1, float32</source>
        <translation>形状 %1，float32</translation>
    </message>
    <message>
        <source>(long axes elided: only their first and last 3 entries are shown)</source>
        <translation>（过长的轴已省略：只显示其前 3 个和后 3 个元素）</translation>
    </message>
</context>
<context>
    <name>TextPreview</name>
    <message>
        <source>The corpus as the model reads it: the cleaned lines (letters only, lower case) cut into tokens and joined into one stream, with no separator between lines (D2L §8.2). Each coloured box is one token; ␣ is a space.</source>
        <translation>模型读取的语料：清洗后的文本行（只保留字母，小写）切分为词元并连成一个流，行与行之间没有分隔符（D2L §8.2）。每个彩色方框是一个词元；␣ 是空格。</translation>
    </message>
    <message>
        <source>Every token the model can read or write, with its id (the model&apos;s input and output number) and how often it occurs; ids follow frequency, most frequent first, after &lt;unk&gt;.</source>
        <translation>模型能读写的每个词元，及其编号（模型的输入和输出编号）和出现次数；编号按频率排列，&lt;unk&gt; 之后最常见的排在最前。</translation>
    </message>
    <message>
        <source>Zipf&apos;s law (D2L §8.3): the n-th most frequent token occurs about 1/n as often as the most frequent one, a straight line on log–log axes. Bigrams and trigrams follow it too, with flatter lines: there are many more of them, each rarer.</source>
        <translation>齐普夫定律（D2L §8.3）：第 n 常见的词元出现的次数约为最常见词元的 1/n，在双对数坐标轴上是一条直线。二元语法和三元语法也遵循它，只是直线更平：它们的种类多得多，每一个都更少见。</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vocabulary&lt;/b&gt;: %1 %2 tokens, counted over the whole text</source>
        <translation>&lt;b&gt;词表&lt;/b&gt;：%1 个%2词元，在整个文本上统计</translation>
    </message>
    <message>
        <source>word</source>
        <translation>单词</translation>
    </message>
    <message>
        <source>character</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>&lt;b&gt;Token stream&lt;/b&gt;: the first %1 of %2 tokens, one coloured box each</source>
        <translation>&lt;b&gt;词元流&lt;/b&gt;：%2 个词元中的前 %1 个，每个一个彩色方框</translation>
    </message>
    <message>
        <source>&lt;b&gt;Zipf plot&lt;/b&gt;: how often each n-gram occurs in the %1 tokens kept, against its rank, log–log</source>
        <translation>&lt;b&gt;齐普夫图&lt;/b&gt;：在保留的 %1 个词元中每个 n 元语法出现的次数与其排名的关系，双对数坐标</translation>
    </message>
    <message>
        <source>unigrams</source>
        <translation>一元语法</translation>
    </message>
    <message>
        <source>bigrams</source>
        <translation>二元语法</translation>
    </message>
    <message>
        <source>trigrams</source>
        <translation>三元语法</translation>
    </message>
</context>
<context>
    <name>TrajectoryPlot</name>
    <message>
        <source>start (click to move)</source>
        <translation>起点（点击移动）</translation>
    </message>
</context>
<context>
    <name>TranslationBox</name>
    <message>
        <source>&amp;Translate</source>
        <translation>翻译(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;English:</source>
        <translation>英语(&amp;E)：</translation>
    </message>
    <message>
        <source>e.g. he&apos;s calm .</source>
        <translation>例如 he&apos;s calm .</translation>
    </message>
    <message>
        <source>An English sentence for the current model, preprocessed like the training pairs (lower case, a space before punctuation). Words the vocabulary does not know become &lt;unk&gt;.</source>
        <translation>给当前模型的一个英语句子，像训练句子对那样预处理（小写，标点前加空格）。词表中没有的词变为 &lt;unk&gt;。</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>beam search</source>
        <translation>束搜索</translation>
    </message>
    <message>
        <source>greedy: the most likely word at every step (D2L §9.7&apos;s predict_seq2seq); beam search: keep the k best hypotheses at every step (D2L §9.8).</source>
        <translation>贪心：每一步选最可能的词（D2L §9.7 的 predict_seq2seq）；束搜索：每一步保留 k 个最好的假设（D2L §9.8）。</translation>
    </message>
    <message>
        <source>Beam &amp;width k:</source>
        <translation>束宽 k(&amp;W)：</translation>
    </message>
    <message>
        <source>How many hypotheses beam search keeps at every step (k = 1 is greedy).</source>
        <translation>束搜索每一步保留多少个假设（k = 1 即贪心）。</translation>
    </message>
    <message>
        <source>Translate with the current model (Enter in the sentence does the same).</source>
        <translation>用当前模型翻译（在句子中按 Enter 也一样）。</translation>
    </message>
    <message>
        <source>This network has no attention from the French side to the English one: an RNN encoder–decoder (D2L §9.7) hands the decoder only the encoder&apos;s last state. With Bahdanau attention (§10.4) or the Transformer (§10.7) this side shows which English words each French word looked at.</source>
        <translation>这个网络没有从法语一侧到英语一侧的注意力：RNN 编码器–解码器（D2L §9.7）只把编码器的最后状态交给解码器。使用 Bahdanau 注意力（§10.4）或 Transformer（§10.7）时，这一侧会显示每个法语词关注了哪些英语词。</translation>
    </message>
    <message>
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
    <message>
        <source>French: &lt;i&gt;press Translate to ask the current model&lt;/i&gt;</source>
        <translation>法语：&lt;i&gt;按“翻译”询问当前模型&lt;/i&gt;</translation>
    </message>
    <message>
        <source>beam search, k = %1; score Σ log p / L^0.75 = %2</source>
        <translation>束搜索，k = %1；得分 Σ log p / L^0.75 = %2</translation>
    </message>
    <message>
        <source>greedy; Σ log p = %1</source>
        <translation>贪心；Σ log p = %1</translation>
    </message>
    <message>
        <source>after epoch %1</source>
        <translation>轮次 %1 之后</translation>
    </message>
    <message>
        <source>the current model</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; → French: &lt;b&gt;%2&lt;/b&gt;%3 &amp;nbsp;&lt;span style=&apos;color:#666&apos;&gt;(%4, %5)&lt;/span&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → 法语：&lt;b&gt;%2&lt;/b&gt;%3 &amp;nbsp;&lt;span style=&apos;color:#666&apos;&gt;（%4，%5）&lt;/span&gt;</translation>
    </message>
    <message>
        <source> … (cut at num_steps)</source>
        <translation> …（在 num_steps 处截断）</translation>
    </message>
    <message>
        <source>French word written (query)</source>
        <translation>写出的法语词（查询）</translation>
    </message>
    <message>
        <source>English word (key)</source>
        <translation>英语词（键）</translation>
    </message>
</context>
<context>
    <name>TranslationForm</name>
    <message>
        <source>A UTF-8 file of sentence pairs, one “source&lt;TAB&gt;target” per line (a .tsv, or a .txt such as manythings.org&apos;s fra.txt). Lines with another number of tabs are skipped.</source>
        <translation>句子对的 UTF-8 文件，每行一个“源语言&lt;TAB&gt;目标语言”（.tsv，或像 manythings.org 的 fra.txt 那样的 .txt）。制表符个数不对的行会被跳过。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Tokens per sentence (num_steps): each sentence gets &lt;eos&gt;, then is cut to this length or padded with &lt;pad&gt; (D2L uses 10).</source>
        <translation>每个句子的词元数（num_steps）：每个句子加上 &lt;eos&gt;，然后截断到这个长度或用 &lt;pad&gt; 填充（D2L 用 10）。</translation>
    </message>
    <message>
        <source>Steps (num_steps)</source>
        <translation>时间步数 (num_steps)</translation>
    </message>
    <message>
        <source>Words seen fewer times than this on their side become &lt;unk&gt; (D2L uses 2).</source>
        <translation>在各自一侧出现次数少于此值的词变为 &lt;unk&gt;（D2L 用 2）。</translation>
    </message>
    <message>
        <source>Minimum frequency</source>
        <translation>最小词频</translation>
    </message>
    <message>
        <source>Read only lines 0 to this number of the file (all = every line). D2L&apos;s num_examples = 600 reads 601 lines: its loop stops when the line number is greater than num_examples.</source>
        <translation>只读取文件的第 0 行到第这么多行（全部 = 每一行）。D2L 的 num_examples = 600 会读取 601 行：它的循环在行号大于 num_examples 时停止。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Lines (num_examples)</source>
        <translation>行数 (num_examples)</translation>
    </message>
    <message>
        <source>path/to/pairs.tsv</source>
        <translation>path/to/pairs.tsv</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file of sentence pairs.</source>
        <translation>请选择一个句子对文件。</translation>
    </message>
    <message>
        <source>Sentence pairs</source>
        <translation>句子对</translation>
    </message>
    <message>
        <source>Sentence pairs (*.tsv *.txt);;All files (*)</source>
        <translation>句子对 (*.tsv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TranslationInspector</name>
    <message>
        <source>There is no model to translate with yet: train the network (F5) or open a trained project. A model in training answers with its current weights.</source>
        <translation>还没有可用于翻译的模型：请训练网络（F5）或打开一个训练过的项目。训练中的模型会用它当前的权重作答。</translation>
    </message>
</context>
<context>
    <name>TranslationPreview</name>
    <message>
        <source>The sentence pairs as the network reads them (D2L §9.5): lower case, a space before , . ! ? so that punctuation is a token of its own, and words split on spaces.</source>
        <translation>网络读取的句子对（D2L §9.5）：小写，在 , . ! ? 前加空格，使标点自成一个词元，并按空格切分单词。</translation>
    </message>
    <message>
        <source>How many sentences have each number of tokens, source and target side by side (D2L §9.5.3). Sentences longer than num_steps are cut; shorter ones are padded with &lt;pad&gt;.</source>
        <translation>每种词元数各有多少个句子，源语言和目标语言并排显示（D2L §9.5.3）。长于 num_steps 的句子被截断；较短的用 &lt;pad&gt; 填充。</translation>
    </message>
    <message>
        <source># tokens per sequence</source>
        <translation>每个序列的词元数</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源语言</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标语言</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sentence pairs&lt;/b&gt;: %1, preprocessed as D2L does</source>
        <translation>&lt;b&gt;句子对&lt;/b&gt;：%1，像 D2L 那样预处理</translation>
    </message>
    <message>
        <source>; %1 lines of the file were not “source&lt;TAB&gt;target” and were skipped</source>
        <translation>；文件中有 %1 行不是“源语言&lt;TAB&gt;目标语言”格式，已跳过</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tokens per sentence&lt;/b&gt;: how many of the %1 source and target sentences have each length</source>
        <translation>&lt;b&gt;每个句子的词元数&lt;/b&gt;：%1 个源语言和目标语言句子中各长度的句子数</translation>
    </message>
</context>
<context>
    <name>TranslationViews</name>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
</context>
<context>
    <name>VocabularyModel</name>
    <message>
        <source>&lt;unk&gt; stands for every token the vocabulary leaves out (rarer than the minimum frequency).</source>
        <translation>&lt;unk&gt; 代表词表中略去的所有词元（比最小词频更少见的）。</translation>
    </message>
    <message>
        <source>the space between words</source>
        <translation>单词之间的空格</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
</context>
<context>
    <name>WeightHistogramView</name>
    <message>
        <source>mean %1   std %2   min %3   max %4   (%5 values)</source>
        <translation>均值 %1   标准差 %2   最小值 %3   最大值 %4   （%5 个值）</translation>
    </message>
    <message>
        <source>
at initialization: mean %1   std %2   min %3   max %4</source>
        <translation>
初始化时：均值 %1   标准差 %2   最小值 %3   最大值 %4</translation>
    </message>
    <message>
        <source>&amp;Parameter:</source>
        <translation>参数(&amp;P)：</translation>
    </message>
    <message>
        <source>The weight or bias tensor whose values are shown.</source>
        <translation>显示其值的权重或偏置张量。</translation>
    </message>
    <message>
        <source>How many of the tensor&apos;s values fall in each bin: bars now, the dashed outline when the network was initialized.</source>
        <translation>张量的值落在每个区间中的个数：柱形为当前值，虚线轮廓为网络初始化时的值。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>at initialization</source>
        <translation>初始化时</translation>
    </message>
    <message>
        <source>The weights appear here once training starts.</source>
        <translation>训练开始后，权重会显示在这里。</translation>
    </message>
</context>
<context>
    <name>WordChips</name>
    <message>
        <source>Click to hide this word from the model (a blank to fill) or to show it again</source>
        <translation>点击可对模型隐藏这个词（成为要填的空位），或重新显示它</translation>
    </message>
</context>
</TS>
