import { Module } from '@nestjs/common';
import { UniquenessController } from './controllers/uniqueness.controller.js';
import { UniquenessService } from './services/uniqueness.service.js';

/**
 * The uniqueness guard against doorway pages: scores every landing page against its siblings (the catalogue
 * index feeds it on each change), gives pages their verdict and editors the scores.
 */
@Module({
  controllers: [UniquenessController],
  providers: [UniquenessService],
  exports: [UniquenessService],
})
export class UniquenessModule {}
