// The tensor expression language (D2L ch. 2 by hand): every construct evaluated with the engine's
// tensors and ops, errors with their positions, and gradients from the autograd graph checked against
// the engine's own backward pass and central finite differences.
#include <QtTest>

#include <cmath>

#include "engine/autograd/graph_walk.h"
#include "engine/autograd/tensor_session.h"
#include "engine/autograd/tensor_text.h"
#include "engine/core/expression_error.h"
#include "engine/core/random.h"
#include "engine/ops/elementwise_power.h"
#include "engine/ops/ops.h"
#include "engine/ops/vector_matmul.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;

namespace {
Tensor run_tensor(TensorSession& s, const std::string& line) {
    ExpressionResult r = s.run(line);
    if (!r.value.is_tensor()) throw std::runtime_error(line + " gave no tensor");
    return r.value.tensor.value();
}

std::vector<float> values(TensorSession& s, const std::string& line) {
    return run_tensor(s, line).to_vector();
}

// The error a line raises (the test fails when it raises none).
ExpressionError error_of(TensorSession& s, const std::string& line) {
    try {
        s.run(line);
    } catch (const ExpressionError& e) {
        return e;
    }
    return ExpressionError("no error", -1);
}

void compare_tensors(const Tensor& a, const Tensor& b, float tol = 1e-5f) {
    QCOMPARE(a.shape(), b.shape());
    for (int64_t i = 0; i < a.numel(); ++i)
        QVERIFY2(std::fabs(a[i] - b[i]) <= tol * (1 + std::fabs(b[i])),
                 qPrintable(QString("element %1: %2 vs %3").arg(i).arg(a[i]).arg(b[i])));
}
}  // namespace

class TestTensorExpression : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void constructors() {
        TensorSession s;
        Tensor x = run_tensor(s, "x = arange(12)");
        QCOMPARE(x.shape(), (Shape{12}));
        for (int i = 0; i < 12; ++i) QCOMPARE(x[i], float(i));
        QCOMPARE(values(s, "arange(1, 7, 2)"), (std::vector<float>{1, 3, 5}));
        QCOMPARE(values(s, "arange(4.0)"), (std::vector<float>{0, 1, 2, 3}));
        QCOMPARE(run_tensor(s, "ones(2, 3)").shape(), (Shape{2, 3}));
        QCOMPARE(values(s, "ones(2, 3)"), std::vector<float>(6, 1.0f));
        QCOMPARE(values(s, "zeros((2, 3, 4))"), std::vector<float>(24, 0.0f));
        Tensor t = run_tensor(s, "tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])");  // D2L §2.1.1
        QCOMPARE(t.shape(), (Shape{3, 4}));
        QCOMPARE(t.at({2, 0}), 4.0f);
        QCOMPARE(t.at({0, 2}), 4.0f);
        QCOMPARE(values(s, "tensor([-1.5, 2])"), (std::vector<float>{-1.5f, 2}));
    }

    void variablesAndReshape() {
        TensorSession s;
        s.run("x = arange(12)");
        QCOMPARE(run_tensor(s, "x.reshape(3, 4)").shape(), (Shape{3, 4}));
        QCOMPARE(run_tensor(s, "reshape(x, 3, 4)").shape(), (Shape{3, 4}));
        QCOMPARE(run_tensor(s, "x.reshape(-1, 6)").shape(), (Shape{2, 6}));
        QCOMPARE(run_tensor(s, "x.reshape((2, 2, 3))").shape(), (Shape{2, 2, 3}));
        s.run("X = x.reshape(3, 4)");
        QCOMPARE(run_tensor(s, "X").at({1, 0}), 4.0f);  // row-major, as in D2L
        ExpressionResult shape = s.run("X.shape");
        QCOMPARE(int(shape.value.kind), int(ExpressionValue::Kind::Shape));
        QCOMPARE(shape.value.shape, (Shape{3, 4}));
        QCOMPARE(s.run("x.numel()").value.number, 12.0);
        QCOMPARE(run_tensor(s, "zeros(X.shape)").shape(), (Shape{3, 4}));
        QCOMPARE(s.run("X = X * 2").assigned, std::string("X"));
        QCOMPARE(run_tensor(s, "X").at({2, 3}), 22.0f);
    }

    void elementwiseArithmetic() {
        TensorSession s;
        s.run("x = tensor([1.0, 2, 4, 8])");
        s.run("y = tensor([2, 2, 2, 2])");
        QCOMPARE(values(s, "x + y"), (std::vector<float>{3, 4, 6, 10}));
        QCOMPARE(values(s, "x - y"), (std::vector<float>{-1, 0, 2, 6}));
        QCOMPARE(values(s, "x * y"), (std::vector<float>{2, 4, 8, 16}));
        QCOMPARE(values(s, "x / y"), (std::vector<float>{0.5f, 1, 2, 4}));
        QCOMPARE(values(s, "x ** 2"), (std::vector<float>{1, 4, 16, 64}));
        QCOMPARE(values(s, "x ** y"), (std::vector<float>{1, 4, 16, 64}));  // D2L §2.1.2
        QCOMPARE(values(s, "2 ** x"), (std::vector<float>{2, 4, 16, 256}));
        QCOMPARE(values(s, "-x + 1"), (std::vector<float>{0, -1, -3, -7}));
        QCOMPARE(values(s, "2 * x - 1"), (std::vector<float>{1, 3, 7, 15}));
        QCOMPARE(values(s, "(x + 1) * 2"), (std::vector<float>{4, 6, 10, 18}));
        const auto e = values(s, "exp(x)");
        const double xs[] = {1, 2, 4, 8};
        for (int i = 0; i < 4; ++i) QVERIFY(std::fabs(e[i] - std::exp(xs[i])) < 1e-5 * e[i]);
        QCOMPARE(s.run("2 + 3 * 4").value.number, 14.0);  // plain numbers keep Python's precedence
    }

    void broadcasting() {  // D2L §2.1.4
        TensorSession s;
        s.run("a = arange(3).reshape(3, 1)");
        s.run("b = arange(2).reshape(1, 2)");
        Tensor c = run_tensor(s, "a + b");
        QCOMPARE(c.shape(), (Shape{3, 2}));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j) QCOMPARE(c.at({i, j}), float(i + j));
        s.run("X = arange(12).reshape(3, 4)");
        Tensor d = run_tensor(s, "X - X.mean(axis=0)");  // centre each column
        for (int j = 0; j < 4; ++j) QCOMPARE(d.at({0, j}) + d.at({1, j}) + d.at({2, j}), 0.0f);
        Tensor r = run_tensor(s, "X / X.sum(axis=1, keepdims=True)");  // D2L §2.3.7: rows sum to 1
        QCOMPARE(r.shape(), (Shape{3, 4}));
        for (int i = 0; i < 3; ++i) {
            float row = 0;
            for (int j = 0; j < 4; ++j) row += r.at({i, j});
            QVERIFY(std::fabs(row - 1) < 1e-6);
        }
    }

    void reductions() {
        TensorSession s;
        s.run("X = arange(12.0).reshape(3, 4)");
        QCOMPARE(run_tensor(s, "X.sum()").item(), 66.0f);
        QCOMPARE(run_tensor(s, "X.sum()").shape(), Shape{});
        QCOMPARE(values(s, "X.sum(axis=0)"), (std::vector<float>{12, 15, 18, 21}));
        QCOMPARE(values(s, "X.sum(0)"), (std::vector<float>{12, 15, 18, 21}));
        QCOMPARE(values(s, "sum(X, 1)"), (std::vector<float>{6, 22, 38}));
        QCOMPARE(run_tensor(s, "X.sum(axis=1, keepdims=True)").shape(), (Shape{3, 1}));
        QCOMPARE(run_tensor(s, "X.sum(axis=(0, 1))").item(), 66.0f);
        QCOMPARE(run_tensor(s, "X.mean()").item(), 5.5f);
        QCOMPARE(values(s, "X.mean(axis=0)"), (std::vector<float>{4, 5, 6, 7}));
        QCOMPARE(values(s, "mean(X, axis=-1)"), (std::vector<float>{1.5f, 5.5f, 9.5f}));
    }

    void matrixProducts() {  // D2L §2.3.8-2.3.10
        TensorSession s;
        s.run("x = arange(3.0)");
        s.run("A = arange(6.0).reshape(2, 3)");
        s.run("B = ones(3, 4)");
        QCOMPARE(run_tensor(s, "x @ x").shape(), Shape{});  // the dot product
        QCOMPARE(run_tensor(s, "x @ x").item(), 5.0f);
        Tensor ax = run_tensor(s, "A @ x");  // matrix-vector
        QCOMPARE(ax.shape(), (Shape{2}));
        QCOMPARE(ax.to_vector(), (std::vector<float>{5, 14}));
        QCOMPARE(values(s, "matmul(A, x)"), (std::vector<float>{5, 14}));
        Tensor ab = run_tensor(s, "A @ B");
        QCOMPARE(ab.shape(), (Shape{2, 4}));
        for (int j = 0; j < 4; ++j) QCOMPARE(ab.at({1, j}), 12.0f);  // each row of A sums to 3, 12
        QCOMPARE(run_tensor(s, "A.T").shape(), (Shape{3, 2}));
        QCOMPARE(run_tensor(s, "A.T").at({2, 1}), 5.0f);
        QCOMPARE(run_tensor(s, "x.T").shape(), (Shape{3}));  // a vector stays a vector, as in PyTorch
        QCOMPARE(values(s, "x @ A.T"), (std::vector<float>{5, 14}));
        QCOMPARE(run_tensor(s, "ones(2, 3, 4).T").shape(), (Shape{4, 3, 2}));
    }

    void indexing() {  // D2L §2.1.3
        TensorSession s;
        s.run("X = arange(12).reshape(3, 4)");
        QCOMPARE(values(s, "X[1]"), (std::vector<float>{4, 5, 6, 7}));
        QCOMPARE(values(s, "X[-1]"), (std::vector<float>{8, 9, 10, 11}));
        Tensor rows = run_tensor(s, "X[1:3]");
        QCOMPARE(rows.shape(), (Shape{2, 4}));
        QCOMPARE(rows.at({0, 0}), 4.0f);
        QCOMPARE(values(s, "X[:, 1]"), (std::vector<float>{1, 5, 9}));
        QCOMPARE(run_tensor(s, "X[1, 2]").shape(), Shape{});
        QCOMPARE(run_tensor(s, "X[1, 2]").item(), 6.0f);
        QCOMPARE(run_tensor(s, "X[:2, 1:]").shape(), (Shape{2, 3}));
        QCOMPARE(values(s, "X[:2, -1]"), (std::vector<float>{3, 7}));
        QCOMPARE(run_tensor(s, "X[1:100]").shape(), (Shape{2, 4}));  // Python clamps slice ends
        QCOMPARE(values(s, "arange(5)[-2:]"), (std::vector<float>{3, 4}));
    }

    void errorsNameTheProblemAndItsPlace() {
        TensorSession s;
        s.run("X = arange(12).reshape(3, 4)");
        s.run("v = arange(2)");
        ExpressionError e = error_of(s, "X + v");
        QCOMPARE(std::string(e.what()), std::string("cannot broadcast shapes [3, 4] and [2] (the last dimensions 4 "
                                                    "and 2 differ)"));
        QCOMPARE(e.position, int64_t{2});  // under the '+'
        e = error_of(s, "X * ones(2, 4)");
        QVERIFY(std::string(e.what()).find("second-to-last dimensions 3 and 2 differ") != std::string::npos);
        e = error_of(s, "X + y");
        QCOMPARE(std::string(e.what()), std::string("unknown name 'y'"));
        QCOMPARE(e.position, int64_t{4});
        e = error_of(s, "y = X + , 1");
        QCOMPARE(std::string(e.what()), std::string("unexpected ',' at character 9"));
        QCOMPARE(e.position, int64_t{8});
        e = error_of(s, "X @ X");
        QVERIFY(std::string(e.what()).find("inner dimensions 4 and 3 differ") != std::string::npos);
        QCOMPARE(e.position, int64_t{2});
        e = error_of(s, "X.reshape(5, 3)");
        QVERIFY(std::string(e.what()).find("cannot reshape [3, 4]") != std::string::npos);
        QCOMPARE(e.position, int64_t{2});
        e = error_of(s, "X[3]");
        QCOMPARE(std::string(e.what()), std::string("index 3 is out of range for axis 0 with 3 entries"));
        QCOMPARE(e.position, int64_t{2});
        e = error_of(s, "X[1, 2, 0]");
        QCOMPARE(e.position, int64_t{8});
        e = error_of(s, "X.sum(axis=2)");
        QVERIFY(std::string(e.what()).find("axis 2 is out of range") != std::string::npos);
        e = error_of(s, "foo(X)");
        QCOMPARE(std::string(e.what()), std::string("unknown function 'foo'"));
        e = error_of(s, "(X + 1");
        QCOMPARE(std::string(e.what()), std::string("expected ')' but found the end of the line at character 7"));
        e = error_of(s, "X $ 2");
        QCOMPARE(std::string(e.what()), std::string("unexpected '$' at character 3"));
        e = error_of(s, "tensor([[1, 2], [3]])");
        QVERIFY(std::string(e.what()).find("same length") != std::string::npos);
        QCOMPARE(e.position, int64_t{16});
        e = error_of(s, "X = X + v");  // a failed line changes no variable
        QCOMPARE(run_tensor(s, "X").shape(), (Shape{3, 4}));
    }

    void addedOpsGradients() {  // vector_matmul for 1-D operands of '@', power for a tensor exponent
        Var v = Var(dltest::random_tensor({4}, 1), true), w = Var(dltest::random_tensor({4}, 2), true);
        Var m = Var(dltest::random_tensor({3, 4}, 3), true), n = Var(dltest::random_tensor({4, 2}, 4), true);
        Var b = Var(dltest::random_tensor({2, 3, 4}, 5), true);
        const auto check = [](const std::string& err) { QVERIFY2(err.empty(), err.c_str()); };
        check(gradcheck([&] { return vector_matmul(v, w); }, {v, w}));
        check(gradcheck([&] { return vector_matmul(m, v); }, {m, v}));
        check(gradcheck([&] { return vector_matmul(v, n); }, {v, n}));
        check(gradcheck([&] { return vector_matmul(b, v); }, {b, v}));
        check(gradcheck([&] { return vector_matmul(m, n); }, {m, n}));
        // and the power op added for a tensor exponent (positive bases: the logarithm needs them)
        Var base = Var(dltest::random_tensor({3, 4}, 6, 0.5, 2.0), true),
            exponent = Var(dltest::random_tensor({4}, 7), true);
        check(gradcheck([&] { return power(base, exponent); }, {base, exponent}));
        QCOMPARE(vector_matmul(b, v).shape(), (Shape{2, 3}));
        QCOMPARE(vector_matmul(v, n).shape(), (Shape{2}));
    }

    void twoXTransposeXHasGradientFourX() {  // D2L §2.5.1: y = 2 xᵀx, ∇y = 4x
        TensorSession s;
        s.set_leaves_require_grad(true);
        s.run("x = arange(4.0)");
        Var y = s.run("y = 2 * x.T @ x").value.tensor;
        QCOMPARE(y.value().item(), 28.0f);
        BackwardStepper stepper(y);
        stepper.run_all();
        const Var x = s.variables().at("x").tensor;
        QCOMPARE(x.grad().to_vector(), (std::vector<float>{0, 4, 8, 12}));
    }

    void stepperMovesOneNodePerStep() {
        TensorSession s;
        s.set_leaves_require_grad(true);
        s.run("x = arange(4.0)");
        Var y = s.run("y = 2 * x.T @ x").value.tensor;
        BackwardStepper stepper(y);
        QCOMPARE(stepper.total_steps(), 3);  // y = matmul(mul(2, x), x), then x
        QVERIFY(stepper.current() == nullptr);
        const GradNode* first = stepper.step();
        QVERIFY(first == y.node());
        QCOMPARE(first->grad.item(), 1.0f);  // dy/dy
        const GradNode* second = stepper.step();
        QCOMPARE(std::string(second->op), std::string("mul"));
        const Tensor& x_value = s.variables().at("x").tensor.value();
        compare_tensors(second->grad, x_value);  // d(u·x)/du = x for u = 2x
        const GradNode* third = stepper.step();
        QVERIFY(third == s.variables().at("x").tensor.node());
        QVERIFY(stepper.done());
        QVERIFY(stepper.step() == nullptr);
        // x is used twice (in 2x and in the product): both contributions, 2·(2x)... sum to 4x
        for (int i = 0; i < 4; ++i) QCOMPARE(third->grad[i], 4.0f * x_value[i]);
    }

    void graphListsInputsBeforeTheirOps() {
        TensorSession s;
        s.set_leaves_require_grad(true);
        s.run("x = arange(4.0)");
        Var y = s.run("2 * x.T @ x").value.tensor;
        const auto nodes = graph_nodes(y);
        QCOMPARE(nodes.size(), size_t{4});  // the constant 2, x, mul, matmul
        QCOMPARE(nodes.back(), y.node());
        for (size_t i = 0; i < nodes.size(); ++i)
            for (const auto& in : nodes[i]->inputs) {
                const auto at = std::find(nodes.begin(), nodes.end(), in.get()) - nodes.begin();
                QVERIFY(size_t(at) < i);
            }
        int constants = 0;
        for (const GradNode* n : nodes) constants += n->requires_grad ? 0 : 1;
        QCOMPARE(constants, 1);
        QCOMPARE(s.name_of(s.variables().at("x").tensor.node()), std::string("x"));
    }

    // Expressions' gradients: the stepper against Var::backward() on the same expression built again,
    // and the expression itself against central finite differences.
    void expressionGradientsMatchEngineAndFiniteDifferences() {
        const std::vector<std::string> expressions{"(x * x).sum()",
                                                   "exp(X).sum(axis=0) @ x",
                                                   "(X + x).mean()",
                                                   "(X[1:3, 1] * 3).sum()",
                                                   "(X @ x / 2 - 1).sum()",
                                                   "(X.T @ X).sum(axis=1).mean()",
                                                   "((X - X.mean(axis=0)) ** 2).sum()",
                                                   "(X[-1] * x).sum()"};
        for (const std::string& expression : expressions) {
            TensorSession s;
            s.set_leaves_require_grad(true);
            s.run("x = tensor([0.5, -1.0, 2.0, 0.25])");
            s.run("X = tensor([[0.1, 0.2, -0.3, 0.4], [0.5, -0.6, 0.7, 0.8], [-0.9, 1.0, 0.2, 0.3]])");
            const Var x = s.variables().at("x").tensor, X = s.variables().at("X").tensor;
            BackwardStepper stepper(s.run(expression).value.tensor);
            stepper.run_all();
            const Tensor step_x = x.grad().clone(), step_X = X.grad().clone();
            Var again = s.run(expression).value.tensor;
            Var(x).zero_grad();
            Var(X).zero_grad();
            again.backward();
            compare_tensors(step_x, x.grad());
            compare_tensors(step_X, X.grad());
            const std::string err = gradcheck([&] { return s.run(expression).value.tensor; }, {x, X});
            QVERIFY2(err.empty(), (expression + ": " + err).c_str());
        }
    }

    void d2lRequiresGradBackwardGrad() {  // D2L §2.5.1 typed line by line
        TensorSession s;
        s.run("x = arange(4.0)");
        s.run("x.requires_grad_()");
        s.run("y = 2 * x @ x");
        QCOMPARE(int(s.run("y.backward()").value.kind), int(ExpressionValue::Kind::None));
        QCOMPARE(values(s, "x.grad"), (std::vector<float>{0, 4, 8, 12}));
        QVERIFY(std::string(error_of(s, "arange(3).backward()").what()).find("requires_grad_") != std::string::npos);
    }

    // Random token soup: every line either evaluates or raises an ExpressionError placed inside the line;
    // nothing else escapes and nothing crashes.
    void randomLinesNeverCrash() {
        const std::vector<std::string> vocabulary{"x",
                                                  "X",
                                                  "v",
                                                  "=",
                                                  "+",
                                                  "-",
                                                  "*",
                                                  "/",
                                                  "@",
                                                  "**",
                                                  "(",
                                                  ")",
                                                  "[",
                                                  "]",
                                                  ",",
                                                  ":",
                                                  ".",
                                                  "T",
                                                  "shape",
                                                  "sum",
                                                  "mean",
                                                  "reshape",
                                                  "arange",
                                                  "ones",
                                                  "zeros",
                                                  "tensor",
                                                  "exp",
                                                  "matmul",
                                                  "axis",
                                                  "keepdim",
                                                  "True",
                                                  "0",
                                                  "1",
                                                  "-1",
                                                  "2",
                                                  "3",
                                                  "4",
                                                  "12",
                                                  "2.5",
                                                  "1e30",
                                                  "backward",
                                                  "grad",
                                                  "requires_grad_"};
        dl::Rng rng(7);
        int evaluated = 0, refused = 0;
        for (int n = 0; n < 4000; ++n) {
            TensorSession s;
            s.run("x = arange(4.0)");
            s.run("X = arange(12.0).reshape(3, 4)");
            s.run("v = tensor([[1, 2], [3, 4]])");
            std::string line;
            const int length = 1 + static_cast<int>(rng.uniform(0, 9));
            for (int k = 0; k < length; ++k)
                line += vocabulary[static_cast<size_t>(rng.uniform(0, double(vocabulary.size()) - 1e-9))] + " ";
            try {
                s.run(line);
                ++evaluated;
            } catch (const ExpressionError& e) {
                QVERIFY2(e.position >= 0 && e.position <= int64_t(line.size()), line.c_str());
                QVERIFY2(std::string(e.what()).size() > 5, line.c_str());
                ++refused;
            } catch (const std::exception& e) {
                QFAIL(qPrintable(QString::fromStdString(line + " threw a non-positioned error: " + e.what())));
            }
        }
        QVERIFY(evaluated > 50);  // the soup is not all nonsense
        QVERIFY(refused > 1000);
        TensorSession s;
        QVERIFY(std::string(error_of(s, "ones(100000, 100000)").what()).find("10 million") != std::string::npos);
        QVERIFY(std::string(error_of(s, "ones(2 ** 80)").what()).find("too large") != std::string::npos);
        QVERIFY(std::string(error_of(s, "arange(0, 0 / 0)").what()).find("finite") != std::string::npos);
        QVERIFY(std::string(error_of(s, "ones(2.5)").what()).find("whole number") != std::string::npos);
    }

    void tensorTextLooksLikePyTorch() {
        TensorSession s;
        // D2L §2.1.2 prints X = torch.arange(12, dtype=torch.float32).reshape(3, 4) like this
        QCOMPARE(value_text(s.run("arange(12.0).reshape(3, 4)").value),
                 std::string("tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., "
                             "11.]])"));
        QCOMPARE(value_text(s.run("arange(4.0) @ arange(4.0)").value), std::string("tensor(14.)"));
        QCOMPARE(value_text(s.run("tensor([0.5, 1])").value), std::string("tensor([0.5000, 1.0000])"));
        QCOMPARE(value_text(s.run("ones(2, 1, 2)").value), std::string("tensor([[[1., 1.]],\n\n        [[1., 1.]]])"));
        const std::string big = value_text(s.run("arange(1000)").value);
        QVERIFY(big.find("...") != std::string::npos);
        QVERIFY(big.find("999.") != std::string::npos);
        QVERIFY(big.find("500.") == std::string::npos);
        QVERIFY(!tensor_text_elides(Tensor(Shape{200})));
        QCOMPARE(value_text(s.run("arange(12).reshape(3, 4).shape").value), std::string("[3, 4]"));
    }
};

QTEST_APPLESS_MAIN(TestTensorExpression)
#include "test_tensor_expression.moc"
