// tests/fop/FopBatch.java: render many FO files with Apache FOP in one JVM.
//
// The `fop` command starts a JVM per document (1-5 s each on a busy machine); compare.py runs
// this instead, in Java's single-file source mode (`java -cp FOP-JARS FopBatch.java ...`, JDK
// 11+), so the JVM and FOP's font set-up are paid once.
//
// Usage: java -cp CLASSPATH FopBatch.java CONFIG.xconf IN1.fo OUT1.pdf [IN2.fo OUT2.pdf ...]
// Prints one line per document: "ok OUT" or "error OUT: message"; exit status 0 if all rendered.
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;

public class FopBatch {
  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length % 2 != 1) {
      System.err.println("usage: FopBatch CONFIG.xconf IN.fo OUT.pdf [IN.fo OUT.pdf ...]");
      System.exit(2);
    }
    FopFactory factory = FopFactory.newInstance(new File(args[0]));
    TransformerFactory tf = TransformerFactory.newInstance();
    int failed = 0;
    for (int i = 1; i < args.length; i += 2) {
      File out = new File(args[i + 1]);
      try (OutputStream os = new BufferedOutputStream(new FileOutputStream(out))) {
        Fop fop = factory.newFop(MimeConstants.MIME_PDF, os);
        Transformer t = tf.newTransformer();
        t.transform(new StreamSource(new File(args[i])), new SAXResult(fop.getDefaultHandler()));
        System.out.println("ok " + args[i + 1]);
      } catch (Exception e) {
        failed++;
        out.delete();
        System.out.println("error " + args[i + 1] + ": " + e.getMessage());
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
