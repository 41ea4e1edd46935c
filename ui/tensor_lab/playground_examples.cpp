#include "playground_examples.h"

#include <QCoreApplication>

QList<PlaygroundExample> playgroundExamples() {
    const QString manipulation = QCoreApplication::translate("PlaygroundExamples", "§2.1 Data manipulation");
    const QString linear = QCoreApplication::translate("PlaygroundExamples", "§2.3 Linear algebra");
    const QString autograd = QCoreApplication::translate("PlaygroundExamples", "§2.5 Automatic differentiation");
    QList<PlaygroundExample> examples;
    auto add = [&](const QString& section, const char* line) { examples.append({section, QString::fromUtf8(line)}); };
    for (const char* line : {"x = arange(12.0)",
                             "x.numel()",
                             "x.shape",
                             "X = x.reshape(3, 4)",
                             "zeros((2, 3, 4))",
                             "ones((2, 3, 4))",
                             "tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])",
                             "X[-1]",
                             "X[1:3]",
                             "X[:, 1]",
                             "x = tensor([1.0, 2, 4, 8])",
                             "y = tensor([2, 2, 2, 2])",
                             "x + y",
                             "x * y",
                             "x ** y",
                             "exp(x)",
                             "a = arange(3).reshape((3, 1))",
                             "b = arange(2).reshape((1, 2))",
                             "a + b",
                             "X.sum()",
                             "X + x",
                             "X + arange(2)"})
        add(manipulation, line);
    for (const char* line :
         {"A = arange(6.0).reshape(3, 2)", "A.T", "A.sum(axis=0)", "A.sum(axis=1)", "A.sum(axis=[0, 1])", "A.mean()",
          "A.mean(axis=0)", "sum_A = A.sum(axis=1, keepdims=True)", "A / sum_A", "x = arange(3.0)", "y = ones(3)",
          "x @ y", "A = arange(6.0).reshape(2, 3)", "A @ x", "B = ones(3, 4)", "A @ B"})
        add(linear, line);
    for (const char* line :
         {"x = arange(4.0)", "x.requires_grad_()", "y = 2 * x.T @ x", "y.backward()", "x.grad", "4 * x"})
        add(autograd, line);
    return examples;
}
